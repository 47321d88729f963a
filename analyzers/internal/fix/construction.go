package fix

import (
	"go/ast"
	"go/token"
	"go/types"
	"strconv"
	"strings"

	"github.com/cachevet/cachevet/analyzers/internal/flow"
	"github.com/cachevet/cachevet/analyzers/internal/model"
	"golang.org/x/tools/go/analysis"
)

// keySeparator replaces the spaces and control bytes a key is built with,
// as memcached users separate the parts of a key.
const keySeparator = ":"

// Construction returns the edits that remove the unsafe bytes a key
// expression makes up itself, as the flow engine found them (made), or ok
// false if the key does not make them in its own syntax: a constant
// declared elsewhere, a struct printed with %v, a format built at run
// time are the developer's decision.
func Construction(pass *analysis.Pass, im *Importer, key ast.Expr, made flow.Construction) (edits []analysis.TextEdit, ok bool) {
	c := constructionFixer{pass: pass, im: im, pos: key.Pos()}
	switch made {
	case flow.ConstantBytes:
		c.each(key, c.constant)
	case flow.ElementSpaces:
		c.each(key, c.elements)
	case flow.OperandSpaces:
		c.each(key, func(n ast.Node) { c.operands(n, model.Print) })
	case flow.LineSpaces:
		c.each(key, c.line)
	case flow.RawDigest:
		c.each(key, c.digest)
	}
	return c.edits, (len(c.edits) > 0 || c.deferred) && !c.failed
}

type constructionFixer struct {
	pass   *analysis.Pass
	im     *Importer
	pos    token.Pos
	edits  []analysis.TextEdit
	failed bool // a part of the key needs a change no fix makes
	// deferred is set when the change belongs to another origin's fix:
	// the spaces between fmt.Sprintln's operands go with its newline.
	deferred bool
}

// each calls fn on every node of the key, not entering function literals,
// whose code does not run where the key is built.
func (c *constructionFixer) each(key ast.Expr, fn func(ast.Node)) {
	ast.Inspect(key, func(n ast.Node) bool {
		if _, ok := n.(*ast.FuncLit); ok {
			return false
		}
		if n != nil {
			fn(n)
		}
		return true
	})
}

func (c *constructionFixer) replace(n ast.Node, text string) {
	c.edits = append(c.edits, analysis.TextEdit{Pos: n.Pos(), End: n.End(), NewText: []byte(text)})
}

func (c *constructionFixer) insert(pos token.Pos, text string) {
	c.edits = append(c.edits, analysis.TextEdit{Pos: pos, End: pos, NewText: []byte(text)})
}

// constant rewrites a string literal of the key that holds a space or
// control byte with a separator instead: "user %d" becomes "user:%d".
func (c *constructionFixer) constant(n ast.Node) {
	lit, ok := n.(*ast.BasicLit)
	if !ok || lit.Kind != token.STRING {
		return
	}
	s, err := strconv.Unquote(lit.Value)
	if err != nil || model.UnsafeBytesIn(s) == 0 {
		return
	}
	if strings.Contains(s, "% ") {
		c.failed = true // a space flag of a verb: replacing it changes the format
		return
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if model.UnsafeBytesIn(s[i:i+1]) != 0 {
			b.WriteString(keySeparator)
		} else {
			b.WriteByte(s[i])
		}
	}
	c.replace(lit, strconv.Quote(b.String()))
}

// elements joins the elements of a slice or array that a fmt printer of
// the key prints with %v: strings.Join(ids, ",") for strings,
// strings.ReplaceAll(fmt.Sprint(ids), " ", ",") for numbers and booleans,
// whose printed form has no other space.
func (c *constructionFixer) elements(n ast.Node) {
	call, ok := n.(*ast.CallExpr)
	if !ok {
		return
	}
	var args []ast.Expr
	switch funcRole(c.pass, call) {
	case model.Print:
		args = call.Args
	case model.Printf:
		if len(call.Args) < 2 || !onlyPlainVerbs(c.pass, call.Args[0]) {
			return
		}
		args = call.Args[1:]
	default:
		return
	}
	for _, a := range args {
		t := c.pass.TypesInfo.TypeOf(a)
		if t == nil || isString(t) {
			continue
		}
		var elem types.Type
		switch u := t.Underlying().(type) {
		case *types.Slice:
			elem = u.Elem()
		case *types.Array:
			elem = u.Elem()
		case *types.Struct, *types.Map:
			if u, ok := u.(*types.Struct); !ok || u.NumFields() > 1 {
				c.failed = true // which fields make the key is a design decision
			}
			continue
		default:
			continue
		}
		basic, ok := elem.Underlying().(*types.Basic)
		if !ok {
			c.failed = true // elements that print with spaces of their own
			continue
		}
		if basic.Kind() == types.Byte {
			continue // bytes print as text with %s
		}
		stringsName, ok1 := c.im.Name("strings", "strings", c.pos)
		if !ok1 {
			c.failed = true
			return
		}
		if basic.Info()&types.IsString != 0 {
			c.insert(a.Pos(), stringsName+".Join(")
			c.insert(a.End(), `, ",")`)
			continue
		}
		fmtName, ok2 := c.im.Name("fmt", "fmt", c.pos)
		if !ok2 {
			c.failed = true
			return
		}
		c.insert(a.Pos(), stringsName+".ReplaceAll("+fmtName+".Sprint(")
		c.insert(a.End(), `), " ", ",")`)
	}
}

// onlyPlainVerbs reports whether a format is a constant whose verbs are
// all %v or %s, which print a joined string as they printed the slice.
func onlyPlainVerbs(pass *analysis.Pass, format ast.Expr) bool {
	tv, ok := pass.TypesInfo.Types[format]
	if !ok || tv.Value == nil {
		return false
	}
	s, err := strconv.Unquote(tv.Value.ExactString())
	if err != nil {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] != '%' {
			continue
		}
		if i+1 >= len(s) || !strings.ContainsRune("vs%", rune(s[i+1])) {
			return false
		}
		i++
	}
	return true
}

// operands puts a separator between the operands of a call of printer
// that it would print with a space between: fmt.Sprint(a, b) for two
// non-strings, every pair for fmt.Sprintln.
func (c *constructionFixer) operands(n ast.Node, printer model.Role) {
	call, ok := n.(*ast.CallExpr)
	if !ok || call.Ellipsis.IsValid() {
		return
	}
	switch role := funcRole(c.pass, call); {
	case role == model.Println && printer == model.Print:
		c.deferred = true // see line
		return
	case role != printer:
		return
	}
	for i := 1; i < len(call.Args); i++ {
		prev, cur := c.pass.TypesInfo.TypeOf(call.Args[i-1]), c.pass.TypesInfo.TypeOf(call.Args[i])
		if printer == model.Println || !isString(prev) && !isString(cur) {
			c.insert(call.Args[i].Pos(), strconv.Quote(keySeparator)+", ")
		}
	}
}

// line turns fmt.Sprintln, which ends with a newline and puts a space
// between every two operands, into fmt.Sprint with separators.
func (c *constructionFixer) line(n ast.Node) {
	call, ok := n.(*ast.CallExpr)
	if !ok || funcRole(c.pass, call) != model.Println || call.Ellipsis.IsValid() {
		return
	}
	sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr)
	if !ok {
		return
	}
	c.replace(sel.Sel, "Sprint")
	c.operands(n, model.Println)
}

// digest hex-encodes the raw digest bytes the key converts to a string:
// string(h.Sum(nil)) becomes hex.EncodeToString(h.Sum(nil)).
func (c *constructionFixer) digest(n ast.Node) {
	call, ok := n.(*ast.CallExpr)
	if !ok || len(call.Args) != 1 {
		return
	}
	fun, ok := ast.Unparen(call.Fun).(*ast.Ident)
	if !ok || !c.pass.TypesInfo.Types[fun].IsType() || !isString(c.pass.TypesInfo.TypeOf(fun)) {
		return
	}
	arg := c.pass.TypesInfo.TypeOf(call.Args[0])
	if s, ok := arg.Underlying().(*types.Slice); !ok || !types.Identical(s.Elem().Underlying(), types.Typ[types.Byte]) {
		return
	}
	hexName, ok := c.im.Name("encoding/hex", "hex", c.pos)
	if !ok {
		c.failed = true
		return
	}
	c.replace(fun, hexName+".EncodeToString")
}

// funcRole is the model's role of the function a call calls, if any.
func funcRole(pass *analysis.Pass, call *ast.CallExpr) model.Role {
	var id *ast.Ident
	switch f := ast.Unparen(call.Fun).(type) {
	case *ast.Ident:
		id = f
	case *ast.SelectorExpr:
		id = f.Sel
	default:
		return model.NoRole
	}
	if fn, ok := pass.TypesInfo.Uses[id].(*types.Func); ok {
		return model.Funcs[fn.FullName()].Role
	}
	return model.NoRole
}

func isString(t types.Type) bool {
	if t == nil {
		return false
	}
	b, ok := t.Underlying().(*types.Basic)
	return ok && b.Info()&types.IsString != 0
}
