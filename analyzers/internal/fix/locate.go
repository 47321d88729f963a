package fix

import (
	"go/ast"
	"go/token"
	"go/types"
	"strconv"

	"github.com/cachevet/cachevet/analyzers/internal/model"
	"github.com/cachevet/cachevet/analyzers/internal/ssautil"
	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ast/astutil"
	"golang.org/x/tools/go/ssa"
)

// The functions below map what the flow engine found on SSA back to the
// syntax the developer must change.

func CalleeObj(call ssa.CallInstruction) *types.Func {
	c := call.Common()
	if c.IsInvoke() {
		return c.Method
	}
	if fn := c.StaticCallee(); fn != nil {
		obj, _ := fn.Object().(*types.Func)
		return obj
	}
	return nil
}

// CallExpr finds the call expression of an SSA call; nil for none (a
// finding reported at a store that wires an implementation in).
func CallExpr(pass *analysis.Pass, call ssa.CallInstruction) *ast.CallExpr {
	if call == nil {
		return nil
	}
	pos := call.Pos()
	for _, n := range enclosingPath(pass, pos) {
		if ce, ok := n.(*ast.CallExpr); ok && (ce.Lparen == pos || ce.Pos() == pos) {
			return ce
		}
		if g, ok := n.(*ast.GoStmt); ok {
			return g.Call
		}
		if d, ok := n.(*ast.DeferStmt); ok {
			return d.Call
		}
	}
	return nil
}

// enclosingPath returns the syntax nodes of the package that enclose pos,
// innermost first.
func enclosingPath(pass *analysis.Pass, pos token.Pos) []ast.Node {
	for _, f := range pass.Files {
		if f.FileStart <= pos && pos <= f.FileEnd {
			path, _ := astutil.PathEnclosingInterval(f, pos, pos)
			return path
		}
	}
	return nil
}

// KeyExpr finds the expression the developer must change: the key
// argument, the operand of a hand-written command, or the value stored in
// an Item's key field (keyField, "Key" for gomemcache).
func KeyExpr(pass *analysis.Pass, sinkCall ssa.CallInstruction, key ssa.Value, shape model.KeyShape, keyField string, stores []*ssa.Store, call *ast.CallExpr) ast.Expr {
	if shape == model.ItemKey {
		for _, st := range stores {
			if e := StoredExpr(pass, st, keyField); e != nil {
				return e
			}
		}
		return nil
	}
	if call == nil {
		return nil
	}
	c := sinkCall.Common()
	ssaArgs := c.Args
	offset := 0
	if !c.IsInvoke() {
		if fn := c.StaticCallee(); fn != nil && fn.Signature.Recv() != nil {
			if _, isSel := ast.Unparen(call.Fun).(*ast.SelectorExpr); isSel {
				offset = 1 // the receiver is an SSA argument but not an AST one
			}
		}
	}
	for i, a := range ssaArgs {
		if a == key && i-offset >= 0 && i-offset < len(call.Args) {
			return call.Args[i-offset]
		}
	}
	// An operand packed into fmt's variadic slice.
	for i, a := range ssaArgs {
		sl, ok := a.(*ssa.Slice)
		if !ok {
			continue
		}
		for j, op := range variadicOperands(sl) {
			if builtFrom(op, key, 0) {
				idx := i - offset + j
				if idx < len(call.Args) {
					return call.Args[idx]
				}
			}
		}
	}
	// A value concatenated into a written command: the operand of the
	// argument built from it.
	for i, a := range ssaArgs {
		if i-offset >= 0 && i-offset < len(call.Args) && builtFrom(a, key, 0) {
			return narrow(pass, call.Args[i-offset], a, key)
		}
	}
	return nil
}

// narrow descends from an expression e, whose SSA value is v, to the
// operand whose value is key, following the concatenations and
// conversions that built v from key in the syntax and in SSA alike:
// "touch " + key + " 10\r\n" is BinOp(BinOp("touch ", key), " 10\r\n").
// It stops where the two part, at the smallest expression it is sure of.
func narrow(pass *analysis.Pass, e ast.Expr, v, key ssa.Value) ast.Expr {
	for v != key {
		e = ast.Unparen(e)
		switch x := v.(type) {
		case *ssa.BinOp:
			b, ok := e.(*ast.BinaryExpr)
			if !ok || b.Op != token.ADD {
				return e
			}
			switch {
			case builtFrom(x.X, key, 0) && !builtFrom(x.Y, key, 0):
				e, v = b.X, x.X
			case builtFrom(x.Y, key, 0) && !builtFrom(x.X, key, 0):
				e, v = b.Y, x.Y
			default:
				return e
			}
		case *ssa.Convert, *ssa.ChangeType:
			call, ok := e.(*ast.CallExpr)
			if !ok || len(call.Args) != 1 || !pass.TypesInfo.Types[call.Fun].IsType() {
				return e
			}
			e, v = call.Args[0], *x.(ssa.Instruction).Operands(nil)[0]
		case *ssa.MakeInterface:
			v = x.X // implicit in the syntax
		default:
			return e
		}
	}
	return e
}

// builtFrom reports whether v is key or is built from it by concatenation,
// conversion or fmt.Sprintf, as the engine flattens written commands.
func builtFrom(v, key ssa.Value, depth int) bool {
	if v == key {
		return true
	}
	if depth > 16 {
		return false
	}
	switch x := v.(type) {
	case *ssa.BinOp:
		return builtFrom(x.X, key, depth+1) || builtFrom(x.Y, key, depth+1)
	case *ssa.Convert:
		return builtFrom(x.X, key, depth+1)
	case *ssa.MakeInterface:
		return builtFrom(x.X, key, depth+1)
	case *ssa.Call:
		if fn := x.Call.StaticCallee(); fn != nil && model.Funcs[fn.String()].Role == model.Printf && len(x.Call.Args) == 2 {
			if ops, ok := ssautil.Variadic(x.Call.Args[1]); ok {
				for _, op := range ops {
					if builtFrom(op, key, depth+1) {
						return true
					}
				}
			}
		}
	}
	return false
}

// variadicOperands recovers the operands packed into a ...any slice, in
// order (the engine's reading of fmt calls).
func variadicOperands(sl *ssa.Slice) []ssa.Value {
	ops, _ := ssautil.Variadic(sl)
	return ops
}

// StoredExpr finds the expression a store writes into the named field: the
// value of `Field: x` in a composite literal or the right side of `v.Field = x`.
func StoredExpr(pass *analysis.Pass, st *ssa.Store, field string) ast.Expr {
	for _, n := range enclosingPath(pass, st.Pos()) {
		switch n := n.(type) {
		case *ast.KeyValueExpr:
			if id, ok := n.Key.(*ast.Ident); ok && id.Name == field {
				return n.Value
			}
		case *ast.AssignStmt:
			for i, lhs := range n.Lhs {
				if sel, ok := lhs.(*ast.SelectorExpr); ok && sel.Sel.Name == field && i < len(n.Rhs) {
					return n.Rhs[i]
				}
			}
		}
	}
	return nil
}

// Operands returns the parts of a key expression a fix should transform:
// each non-constant string operand of a concatenation or of fmt.Sprintf,
// or the key itself.
func Operands(pass *analysis.Pass, key ast.Expr) []ast.Expr {
	key = ast.Unparen(StringOf(pass, key))
	if tv, ok := pass.TypesInfo.Types[key]; ok && tv.Value != nil {
		return nil
	}
	if b, ok := key.(*ast.BinaryExpr); ok && b.Op.String() == "+" {
		return append(Operands(pass, b.X), Operands(pass, b.Y)...)
	}
	if call, ok := key.(*ast.CallExpr); ok && isSprintf(pass, call) && len(call.Args) > 1 {
		var out []ast.Expr
		for _, a := range call.Args[1:] {
			out = append(out, Operands(pass, a)...)
		}
		return out
	}
	if IsPlainString(pass.TypesInfo.TypeOf(key)) {
		return []ast.Expr{key}
	}
	return nil
}

// isSprintf reports whether call is of fmt.Sprintf (model.Printf).
func isSprintf(pass *analysis.Pass, call *ast.CallExpr) bool {
	return funcRole(pass, call) == model.Printf
}

// StringOf returns the string a []byte key is converted from
// ([]byte("user:" + id), as meta clients take keys), else key itself.
func StringOf(pass *analysis.Pass, key ast.Expr) ast.Expr {
	call, ok := ast.Unparen(key).(*ast.CallExpr)
	if !ok || len(call.Args) != 1 || !pass.TypesInfo.Types[call.Fun].IsType() {
		return key
	}
	if sl, ok := pass.TypesInfo.TypeOf(call).Underlying().(*types.Slice); ok && ssautil.IsByte(sl.Elem()) && IsPlainString(pass.TypesInfo.TypeOf(call.Args[0])) {
		return call.Args[0]
	}
	return key
}

func IsPlainString(t types.Type) bool {
	return t != nil && types.Identical(t, types.Typ[types.String])
}

// Span returns the expression a position of the flow engine stands for:
// SSA places a call at its opening parenthesis, and a related position
// should show the whole call that made the bytes, h.Sum(nil) or
// r.FormValue("id"), from its start. A constant is shown at its literal:
// in the key if the key spells it, else in the one declaration of the
// package that does. Other positions are kept.
func Span(pass *analysis.Pass, pos token.Pos, key ast.Expr, constant string) (token.Pos, token.Pos) {
	if constant != "" {
		if lit := literal(key, constant); lit != nil {
			return lit.Pos(), lit.End()
		}
		var found []*ast.BasicLit
		for _, f := range pass.Files {
			for _, d := range f.Decls {
				if gd, ok := d.(*ast.GenDecl); ok && gd.Tok == token.CONST {
					if lit := literal(gd, constant); lit != nil {
						found = append(found, lit)
					}
				}
			}
		}
		if len(found) == 1 {
			return found[0].Pos(), found[0].End()
		}
		return pos, token.NoPos
	}
	for _, f := range pass.Files {
		if f.FileStart > pos || pos > f.FileEnd {
			continue
		}
		path, _ := astutil.PathEnclosingInterval(f, pos, pos)
		for _, n := range path {
			if ce, ok := n.(*ast.CallExpr); ok && ce.Lparen == pos {
				return ce.Pos(), ce.End()
			}
		}
	}
	return pos, token.NoPos
}

// literal finds the string literal spelling s in the syntax of n.
func literal(n ast.Node, s string) *ast.BasicLit {
	if n == nil {
		return nil
	}
	var lit *ast.BasicLit
	ast.Inspect(n, func(n ast.Node) bool {
		if l, ok := n.(*ast.BasicLit); ok && lit == nil && l.Kind == token.STRING {
			if v, err := strconv.Unquote(l.Value); err == nil && v == s {
				lit = l
			}
		}
		return lit == nil
	})
	return lit
}
