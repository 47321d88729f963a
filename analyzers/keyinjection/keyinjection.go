package keyinjection

import (
	_ "embed"
	"go/ast"
	"go/types"
	"strconv"
	"strings"

	"github.com/cachevet/cachevet/analyzers/internal/fix"
	"github.com/cachevet/cachevet/analyzers/internal/flow"
	"github.com/cachevet/cachevet/analyzers/internal/model"
	"github.com/cachevet/cachevet/analyzers/internal/suppress"
	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ast/astutil"
	"golang.org/x/tools/go/ssa"
)

// Analyzer reports unsafe bytes reaching a memcache key.
var Analyzer = &analysis.Analyzer{
	Name:     "keyinjection",
	Doc:      "report memcache keys that may hold a space, CR/LF or other control byte",
	URL:      "https://pkg.go.dev/github.com/cachevet/cachevet/analyzers/keyinjection",
	Run:      run,
	Requires: []*analysis.Analyzer{flow.Analyzer},
}

func init() {
	Analyzer.Flags.Var(flow.Sanitizers, "sanitizers", "comma-separated full names of functions whose result is a safe key (e.g. example.com/keys.Clean)")
	Analyzer.Flags.Var(flow.Validators, "validators", "comma-separated full names of functions whose true result (or nil error) proves their argument a safe key")
}

func run(pass *analysis.Pass) (any, error) {
	res := pass.ResultOf[flow.Analyzer].(*flow.Result)
	if res == nil {
		return nil, nil
	}
	reporter := suppress.NewReporter(pass)
	for _, h := range res.Hits {
		reporter.Report(diagnostic(pass, h))
	}
	return nil, nil
}

func diagnostic(pass *analysis.Pass, h *flow.Hit) analysis.Diagnostic {
	call := callExpr(pass, h.Call)
	keyExpr := keyExpression(pass, h, call)
	origins := h.Origins()
	primary := origins[0]
	for _, o := range origins {
		if o.Kind == flow.FromSource {
			primary = o
			break
		}
	}
	bytes := h.Taint.Unsafe()

	sink := h.Sink.Name
	if len(h.Sink.Via) > 0 {
		sink += " through " + strings.Join(h.Sink.Via, " and ")
	}
	where := "the memcache key of " + sink
	if h.Sink.HandWritten {
		where = "the key of " + sink
	}
	if h.Sink.Shape == model.ItemKey {
		where = "the Key of the Item passed to " + sink
	}
	var msg string
	from := primary.Desc
	if len(primary.Via) > 0 {
		from += " returned by " + strings.Join(primary.Via, " from ")
	}
	if primary.Kind == flow.FromSource {
		msg = from + " reaches " + where + " unescaped: " + harm(h.Sink, bytes, true) + "; escape it with url.QueryEscape"
	} else {
		msg = from + " puts " + bytes.String() + " into " + where + ": " + harm(h.Sink, bytes, false) + "; " + primary.Hint
	}
	if more := len(origins) - 1; more > 0 {
		msg += " (and " + plural(more, "other origin") + ")"
	}

	d := analysis.Diagnostic{Pos: h.Call.Pos(), Message: msg, Category: "keyinjection"}
	if call != nil {
		d.Pos, d.End = call.Pos(), call.End()
	}
	if keyExpr != nil {
		d.Pos, d.End = keyExpr.Pos(), keyExpr.End()
	}
	for _, o := range origins {
		if o.Pos.IsValid() {
			what := "untrusted data enters here"
			if o.Kind == flow.FromConstruction {
				what = "unsafe bytes come from here"
			}
			d.Related = append(d.Related, analysis.RelatedInformation{Pos: o.Pos, Message: what + ": " + o.Desc})
		}
	}
	if len(h.Sink.Via) > 0 {
		if obj := calleeObj(h.Call); obj != nil && obj.Pos().IsValid() {
			d.Related = append(d.Related, analysis.RelatedInformation{
				Pos:     obj.Pos(),
				Message: h.Sink.Via[0] + " puts this argument into " + h.Sink.Name,
			})
		}
	}
	if keyExpr != nil && allFromSources(origins) {
		if f := escapeFix(pass, keyExpr); f != nil {
			d.SuggestedFixes = []analysis.SuggestedFix{*f}
		}
	}
	return d
}

func plural(n int, what string) string {
	if n == 1 {
		return "1 " + what
	}
	return strconv.Itoa(n) + " " + what + "s"
}

// harm says what the unsafe bytes do at this kind of sink, for keys an
// attacker chooses or for keys that are unsafe by construction.
func harm(s flow.SinkInfo, bytes model.ByteSet, attacker bool) string {
	switch {
	case s.HandWritten && bytes&model.Splitting != 0 && attacker:
		return bytes.String() + " in it splits the command line or injects memcached commands"
	case s.HandWritten && bytes&model.Splitting != 0:
		return "it splits the command line, so memcached runs a different command"
	case s.HandWritten:
		return "memcached stores the key, but clients that validate keys can never read it back"
	case s.Validating && attacker:
		return bytes.String() + " in it makes the client fail with ErrMalformedKey, so the sender picks which requests fail and bypass the cache"
	case s.Validating:
		return "the client rejects such keys with ErrMalformedKey, so the call always fails"
	}
	return bytes.String() + " in it splits or injects memcached commands"
}

func allFromSources(os []*flow.Origin) bool {
	for _, o := range os {
		if o.Kind != flow.FromSource {
			return false
		}
	}
	return true
}

func calleeObj(call ssa.CallInstruction) *types.Func {
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

// callExpr finds the call expression of an SSA call.
func callExpr(pass *analysis.Pass, call ssa.CallInstruction) *ast.CallExpr {
	pos := call.Pos()
	for _, f := range pass.Files {
		if f.FileStart > pos || pos > f.FileEnd {
			continue
		}
		path, _ := astutil.PathEnclosingInterval(f, pos, pos)
		for _, n := range path {
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
	}
	return nil
}

// keyExpression finds the expression the developer must change: the key
// argument, the operand of a hand-written command, or the value stored in
// an Item's Key.
func keyExpression(pass *analysis.Pass, h *flow.Hit, call *ast.CallExpr) ast.Expr {
	if h.Sink.Shape == model.ItemKey {
		for _, st := range h.ItemKeyStores {
			if e := storedExpr(pass, st); e != nil {
				return e
			}
		}
		return nil
	}
	if call == nil {
		return nil
	}
	c := h.Call.Common()
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
		if a == h.Key && i-offset >= 0 && i-offset < len(call.Args) {
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
			if op == h.Key {
				idx := i - offset + j
				if idx < len(call.Args) {
					return call.Args[idx]
				}
			}
		}
	}
	if len(call.Args) > 0 {
		return call.Args[len(call.Args)-1]
	}
	return nil
}

func variadicOperands(sl *ssa.Slice) []ssa.Value {
	alloc, ok := sl.X.(*ssa.Alloc)
	if !ok {
		return nil
	}
	var ops []ssa.Value
	for _, ref := range *alloc.Referrers() {
		ia, ok := ref.(*ssa.IndexAddr)
		if !ok {
			continue
		}
		for _, r2 := range *ia.Referrers() {
			if st, ok := r2.(*ssa.Store); ok {
				x := st.Val
				if mi, ok := x.(*ssa.MakeInterface); ok {
					x = mi.X
				}
				ops = append(ops, x)
			}
		}
	}
	return ops
}

// storedExpr finds the expression a store writes: the value of `Key: k` in
// a composite literal or the right side of `item.Key = k`.
func storedExpr(pass *analysis.Pass, st *ssa.Store) ast.Expr {
	pos := st.Pos()
	for _, f := range pass.Files {
		if f.FileStart > pos || pos > f.FileEnd {
			continue
		}
		path, _ := astutil.PathEnclosingInterval(f, pos, pos)
		for _, n := range path {
			switch n := n.(type) {
			case *ast.KeyValueExpr:
				if id, ok := n.Key.(*ast.Ident); ok && id.Name == model.ItemKeyField {
					return n.Value
				}
			case *ast.AssignStmt:
				for i, lhs := range n.Lhs {
					if sel, ok := lhs.(*ast.SelectorExpr); ok && sel.Sel.Name == model.ItemKeyField && i < len(n.Rhs) {
						return n.Rhs[i]
					}
				}
			}
		}
	}
	return nil
}

// escapeFix wraps the non-constant string operands of the key in
// url.QueryEscape, which leaves no space or control byte in them.
func escapeFix(pass *analysis.Pass, key ast.Expr) *analysis.SuggestedFix {
	targets := escapeTargets(pass, key)
	if len(targets) == 0 {
		return nil
	}
	im := fix.NewImporter(pass, key.Pos())
	if im == nil {
		return nil
	}
	name, ok := im.Name("net/url", "url", key.Pos())
	if !ok {
		return nil
	}
	var edits []analysis.TextEdit
	for _, t := range targets {
		edits = append(edits, fix.Wrap(t, name+".QueryEscape")...)
	}
	return &analysis.SuggestedFix{
		Message:   "Escape the key with url.QueryEscape",
		TextEdits: append(edits, im.Edits()...),
	}
}

// escapeTargets returns the sub-expressions of key to escape: each
// non-constant string operand of a concatenation or of fmt.Sprintf's %s and
// %v, or the key itself.
func escapeTargets(pass *analysis.Pass, key ast.Expr) []ast.Expr {
	key = ast.Unparen(key)
	if tv, ok := pass.TypesInfo.Types[key]; ok && tv.Value != nil {
		return nil
	}
	if b, ok := key.(*ast.BinaryExpr); ok && b.Op.String() == "+" {
		return append(escapeTargets(pass, b.X), escapeTargets(pass, b.Y)...)
	}
	if call, ok := key.(*ast.CallExpr); ok && isSprintf(pass, call) && len(call.Args) > 1 {
		var out []ast.Expr
		for _, a := range call.Args[1:] {
			out = append(out, escapeTargets(pass, a)...)
		}
		return out
	}
	if isPlainString(pass.TypesInfo.TypeOf(key)) {
		return []ast.Expr{key}
	}
	return nil
}

func isSprintf(pass *analysis.Pass, call *ast.CallExpr) bool {
	sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr)
	if !ok {
		return false
	}
	fn, ok := pass.TypesInfo.Uses[sel.Sel].(*types.Func)
	return ok && fn.FullName() == "fmt.Sprintf"
}

func isPlainString(t types.Type) bool {
	return t != nil && types.Identical(t, types.Typ[types.String])
}
