package exposure

import (
	"fmt"
	"go/ast"
	"go/constant"
	"go/token"
	"go/types"
	"slices"
	"strconv"
	"strings"

	"github.com/cachevet/cachevet/analyzers/internal/model"
	"github.com/cachevet/cachevet/analyzers/internal/ssautil"
	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ast/astutil"
	"golang.org/x/tools/go/ssa"
)

// maxDefs bounds how many definitions of one value the resolver keeps: a
// value with more is judged on the first ones.
const maxDefs = 16

// A def is one value an address or an argument may hold where it is used:
// a constant, a parameter of the function being summarized, or unknown.
type def struct {
	val   string
	known bool
	param int      // >= 0: this parameter's value (in a summary only)
	how   []string // how the value reaches the use, definition first
	at    token.Pos
	expr  ast.Expr // the expression of a constant the evaluator found, for fixes
}

func unknownDef() def            { return def{param: -1} }
func constDef(s string) def      { return def{val: s, known: true, param: -1} }
func paramDef(i int) def         { return def{param: i} }
func (d def) note() string       { return strings.Join(d.how, ", ") }
func (d def) same(e def) bool    { return d.val == e.val && d.known == e.known && d.param == e.param }
func unknownDefs() []def         { return []def{unknownDef()} }
func unknownLists() []listDef    { return []listDef{{elems: unknownDefs()}} }
func (d def) exposedValue() bool { return d.known && d.param < 0 }

// with adds how the value came to the use; at, if valid and the first
// position known, is where that happened.
func (d def) with(how string, at token.Pos) def {
	if how != "" {
		d.how = append(slices.Clip(d.how), how)
	}
	if !d.at.IsValid() {
		d.at = at
	}
	return d
}

// appendDef adds d to defs unless an equal value is there.
func appendDef(defs []def, d def) []def {
	for _, e := range defs {
		if e.same(d) {
			return defs
		}
	}
	if len(defs) >= maxDefs {
		return defs
	}
	return append(defs, d)
}

// A listDef is one value a []string (an argument list, a server list) may
// hold; complete says that elems are all its elements.
type listDef struct {
	elems    []def
	complete bool
	how      []string // how the whole list came to the use
	at       token.Pos
}

// loc is a memory location the resolver follows: a package variable, a
// local variable whose address is taken, the value of a flag.String, or a
// field path (".Server.Addr") within one of them.
type loc struct {
	base  ssa.Value
	field string
}

// resolver finds the reaching definitions of values on the SSA form of a
// package: every value a variable may hold at a use, through phis, the
// stores to variables whose address is taken (flag.StringVar(&addr, ...)
// included), struct fields copied from a package variable, and calls of
// functions whose summary says they return a parameter or a constant.
// It is flow-insensitive for memory, except that a store earlier in the
// block of a load is the only one that reaches it.
type resolver struct {
	pass    *analysis.Pass
	pkg     *ssa.Package
	funcs   []*ssa.Function        // declared in the package, with their closures
	bodies  map[*ssa.Function]bool // funcs, the functions whose bodies are read
	stores  []*ssa.Store
	flags   []*ssa.Call // calls of flag.StringVar and the like
	closure map[*ssa.Function][]*ssa.MakeClosure

	locsOf    map[ssa.Value][]loc
	storesTo  map[loc][]*ssa.Store
	summaries map[*ssa.Function][]returned
	busy      map[any]bool // what is being evaluated: a cycle adds nothing
	// summarizing is the function whose summary is being computed: its
	// parameters are symbolic there.
	summarizing *ssa.Function
}

// newResolver builds the SSA form of the package written in files (those
// of pass, or copies with fewer bodies); debug keeps the mapping from
// expressions to values that valueOf needs, which summaries alone do not.
func newResolver(pass *analysis.Pass, files []*ast.File, debug bool) *resolver {
	var mode ssa.BuilderMode
	if debug {
		mode = ssa.GlobalDebug
	}
	return resolverOver(pass, ssautil.Build(pass, files, mode), files)
}

// resolverOver returns a resolver over pkg, built by ssautil.Build from
// the pass's files or from files, that reads the bodies files has and no
// other: over the same files, it finds what a build of them alone finds.
func resolverOver(pass *analysis.Pass, pkg *ssa.Package, files []*ast.File) *resolver {
	r := &resolver{
		pass:      pass,
		pkg:       pkg,
		bodies:    make(map[*ssa.Function]bool),
		closure:   make(map[*ssa.Function][]*ssa.MakeClosure),
		locsOf:    make(map[ssa.Value][]loc),
		storesTo:  make(map[loc][]*ssa.Store),
		summaries: make(map[*ssa.Function][]returned),
		busy:      make(map[any]bool),
	}
	r.funcs = ssautil.SourceFuncs(pkg, files, pass.TypesInfo)
	for _, fn := range r.funcs {
		r.bodies[fn] = true
		for _, b := range fn.Blocks {
			for _, instr := range b.Instrs {
				switch in := instr.(type) {
				case *ssa.Store:
					r.stores = append(r.stores, in)
				case *ssa.MakeClosure:
					if f, ok := in.Fn.(*ssa.Function); ok {
						r.closure[f] = append(r.closure[f], in)
					}
				case *ssa.Call:
					if f, ok := stringFlag(in.Common()); ok && f.Into {
						r.flags = append(r.flags, in)
					}
				}
			}
		}
	}
	return r
}

// valueOf returns the SSA value of a non-constant expression.
func (r *resolver) valueOf(e ast.Expr) ssa.Value {
	for _, f := range r.pass.Files {
		if f.FileStart <= e.Pos() && e.End() <= f.FileEnd {
			path, _ := astutil.PathEnclosingInterval(f, e.Pos(), e.End())
			if fn := ssa.EnclosingFunction(r.pkg, path); fn != nil {
				v, _ := fn.ValueForExpr(e)
				return v
			}
		}
	}
	return nil
}

// exprDefs returns the definitions that reach the string expression e.
func (r *resolver) exprDefs(e ast.Expr) []def {
	if v := r.valueOf(e); v != nil {
		return r.defs(v, 0)
	}
	return unknownDefs()
}

// exprLists returns the lists that reach the []string expression e.
func (r *resolver) exprLists(e ast.Expr) []listDef {
	if v := r.valueOf(e); v != nil {
		return r.lists(v, 0)
	}
	return unknownLists()
}

// defs returns the definitions of the string value v.
func (r *resolver) defs(v ssa.Value, depth int) []def {
	if depth > maxDepth {
		return unknownDefs()
	}
	switch v := v.(type) {
	case *ssa.Const:
		if v.Value != nil && v.Value.Kind() == constant.String {
			return []def{constDef(constant.StringVal(v.Value))}
		}
	case *ssa.Phi:
		return phiEdges(r, v, func(e ssa.Value) []def { return r.defs(e, depth+1) }, def.with, appendDef)
	case *ssa.BinOp:
		if v.Op == token.ADD {
			return product(r.defs(v.X, depth+1), r.defs(v.Y, depth+1), func(x, y string) string { return x + y })
		}
	case *ssa.Call:
		return r.callDefs(v.Common(), 0, depth)
	case *ssa.Extract:
		if call, ok := v.Tuple.(*ssa.Call); ok {
			return r.callDefs(call.Common(), v.Index, depth)
		}
	case *ssa.UnOp:
		if v.Op == token.MUL {
			return r.loadDefs(v, depth)
		}
	case *ssa.Field:
		return r.fieldDefs(v.X, "."+fieldName(v.X.Type(), v.Field), depth)
	case *ssa.ChangeType:
		return r.defs(v.X, depth+1)
	case *ssa.Convert:
		if ssautil.IsString(v.X.Type()) {
			return r.defs(v.X, depth+1)
		}
	case *ssa.Parameter:
		if fn := r.summarizing; fn != nil && v.Parent() == fn {
			return []def{paramDef(slices.Index(fn.Params, v))}
		}
	}
	return unknownDefs()
}

// product combines two sets of definitions, such as the operands of a
// concatenation; a parameter combined with anything is unknown.
func product(xs, ys []def, join func(x, y string) string) []def {
	var out []def
	for _, x := range xs {
		for _, y := range ys {
			if !x.exposedValue() || !y.exposedValue() {
				out = appendDef(out, unknownDef())
				continue
			}
			d := constDef(join(x.val, y.val))
			d.how = append(slices.Clip(x.how), y.how...)
			d.at = x.at
			if !d.at.IsValid() {
				d.at = y.at
			}
			out = appendDef(out, d)
		}
	}
	return out
}

// callDefs returns the definitions of result i of a call: the functions
// the model folds, and those whose summary returns constants or
// parameters.
func (r *resolver) callDefs(c *ssa.CallCommon, i, depth int) []def {
	fn := c.StaticCallee()
	if fn == nil {
		return unknownDefs()
	}
	if obj, ok := fn.Object().(*types.Func); ok {
		if out, ok := r.folded(obj.Origin().FullName(), c.Args, depth); ok {
			return out
		}
	}
	sum := r.summary(fn)
	if i >= len(sum) || !sum[i].says() {
		return unknownDefs()
	}
	how := "returned by " + fn.Name()
	var out []def
	for _, s := range sum[i].Consts {
		out = appendDef(out, constDef(s).with(how, c.Pos()))
	}
	for _, p := range sum[i].Params {
		if p >= len(c.Args) {
			continue
		}
		h := how + " (its argument " + paramName(fn, p) + ")"
		for _, d := range r.defs(c.Args[p], depth+1) {
			out = appendDef(out, d.with(h, c.Pos()))
		}
	}
	if sum[i].Other {
		out = appendDef(out, unknownDef())
	}
	return out
}

// folded evaluates the calls the model gives a role that builds strings.
func (r *resolver) folded(name string, args []ssa.Value, depth int) ([]def, bool) {
	switch model.Funcs[name].Role {
	case model.JoinHostPort:
		return product(r.defs(args[0], depth+1), r.defs(args[1], depth+1), joinHostPort), true
	case model.FormatDecimal:
		if c, ok := args[0].(*ssa.Const); ok && c.Value != nil && c.Value.Kind() == constant.Int {
			return []def{constDef(c.Value.ExactString())}, true
		}
		return unknownDefs(), true
	case model.JoinStrings:
		var out []def
		seps := r.defs(args[1], depth+1)
		for _, l := range r.lists(args[0], depth+1) {
			vals, ok := l.strings()
			for _, sep := range seps {
				if !ok || !sep.exposedValue() {
					out = appendDef(out, unknownDef())
					continue
				}
				out = appendDef(out, constDef(strings.Join(vals, sep.val)))
			}
		}
		return out, true
	case model.Printf:
		format, ok := ssautil.ConstString(args[0])
		ops, okOps := ssautil.Variadic(args[1])
		if !ok || !okOps {
			return unknownDefs(), true
		}
		// Each operand is a string (with its definitions) or a constant.
		alts := [][]any{nil}
		for _, op := range ops {
			var vals []any
			switch {
			case ssautil.IsString(op.Type()):
				for _, d := range r.defs(op, depth+1) {
					if !d.exposedValue() {
						return unknownDefs(), true
					}
					vals = append(vals, d.val)
				}
			default:
				c, ok := op.(*ssa.Const)
				if !ok || c.Value == nil || c.Value.Kind() != constant.Int {
					return unknownDefs(), true
				}
				n, _ := constant.Int64Val(c.Value)
				vals = []any{n}
			}
			var next [][]any
			for _, a := range alts {
				for _, v := range vals {
					next = append(next, append(slices.Clip(a), v))
				}
			}
			alts = next
		}
		var out []def
		for _, a := range alts {
			s := fmt.Sprintf(format, a...)
			if strings.Contains(s, "%!") {
				return unknownDefs(), true
			}
			out = appendDef(out, constDef(s))
		}
		return out, true
	}
	return nil, false
}

func joinHostPort(h, p string) string {
	if strings.Contains(h, ":") {
		return "[" + h + "]:" + p
	}
	return h + ":" + p
}

// paramName names parameter i of fn's SSA parameters (the receiver first).
func paramName(fn *ssa.Function, i int) string {
	sig := fn.Signature
	if sig.Recv() != nil {
		if i == 0 {
			return sig.Recv().Name()
		}
		i--
	}
	if i < sig.Params().Len() {
		return sig.Params().At(i).Name()
	}
	return "#" + strconv.Itoa(i)
}

// summary returns what each string result of fn may be: computed for a
// function of this package, imported as a fact for another's.
func (r *resolver) summary(fn *ssa.Function) []returned {
	if fn.Origin() != nil {
		fn = fn.Origin()
	}
	if s, ok := r.summaries[fn]; ok {
		return s // nil while it is computed: a recursive call is unknown
	}
	r.summaries[fn] = nil
	var out []returned
	switch obj, _ := fn.Object().(*types.Func); {
	case r.bodies[fn]:
		out = r.summarize(fn)
	case obj != nil && obj.Pkg() != nil && obj.Pkg() != r.pass.Pkg:
		var f returnsFact
		if r.pass.ImportObjectFact(obj, &f) {
			out = f.Results
		}
	}
	r.summaries[fn] = out
	return out
}

func (r *resolver) summarize(fn *ssa.Function) []returned {
	results := fn.Signature.Results()
	defs := make([][]def, results.Len())
	saved := r.summarizing
	r.summarizing = fn
	for _, b := range fn.Blocks {
		if ret, ok := b.Instrs[len(b.Instrs)-1].(*ssa.Return); ok {
			for i, v := range ret.Results {
				if ssautil.IsString(results.At(i).Type()) {
					defs[i] = append(defs[i], r.defs(v, 0)...)
				}
			}
		}
	}
	r.summarizing = saved
	out := make([]returned, results.Len())
	says := false
	for i := range out {
		if ssautil.IsString(results.At(i).Type()) {
			out[i] = summarize(defs[i])
			says = says || out[i].says()
		}
	}
	if !says {
		return nil
	}
	return out
}

// phiEdges collects what resolve makes of each edge of phi, with the
// condition under which the edge is taken added by with, merged by add.
// A phi already being resolved (a loop back to itself) adds nothing.
func phiEdges[T any](r *resolver, phi *ssa.Phi, resolve func(ssa.Value) []T, with func(T, string, token.Pos) T, add func([]T, T) []T) []T {
	if r.busy[phi] {
		return nil
	}
	r.busy[phi] = true
	defer delete(r.busy, phi)
	var out []T
	for i, e := range phi.Edges {
		cond, at := r.condition(phi, i)
		for _, x := range resolve(e) {
			out = add(out, with(x, cond, at))
		}
	}
	return out
}

// condition describes the branch through which edge i reaches phi: the
// condition of the if statement that chooses it ("when addr == \"\""),
// and where it is.
func (r *resolver) condition(phi *ssa.Phi, i int) (string, token.Pos) {
	from, b := phi.Block(), phi.Block().Preds[i]
	for range 4 {
		if len(b.Instrs) > 0 {
			if cond, ok := b.Instrs[len(b.Instrs)-1].(*ssa.If); ok {
				text, at := r.exprText(phi.Parent(), cond.Cond.Pos())
				if text == "" {
					return "", token.NoPos
				}
				if b.Succs[0] == from {
					return "when " + text, at
				}
				return "unless " + text, at
			}
		}
		if len(b.Preds) != 1 {
			break
		}
		from, b = b, b.Preds[0]
	}
	return "", token.NoPos
}

// exprText returns the source of the expression of fn whose SSA value
// has position pos: a comparison's operator, a call's parenthesis.
func (r *resolver) exprText(fn *ssa.Function, pos token.Pos) (string, token.Pos) {
	if !pos.IsValid() || fn.Syntax() == nil {
		return "", token.NoPos
	}
	var found ast.Expr
	ast.Inspect(fn.Syntax(), func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.BinaryExpr:
			if n.OpPos == pos {
				found = n
			}
		case *ast.CallExpr:
			if n.Lparen == pos {
				found = n
			}
		case *ast.UnaryExpr:
			if n.OpPos == pos {
				found = n
			}
		case *ast.Ident:
			if n.Pos() == pos {
				found = n // a boolean parameter
			}
		}
		return found == nil
	})
	if found == nil {
		return "", token.NoPos
	}
	return types.ExprString(found), found.Pos()
}

// fieldName names field i of the struct (or pointer to struct) type t.
func fieldName(t types.Type, i int) string {
	if p, ok := t.Underlying().(*types.Pointer); ok {
		t = p.Elem()
	}
	if s, ok := t.Underlying().(*types.Struct); ok && i < s.NumFields() {
		return s.Field(i).Name()
	}
	return strconv.Itoa(i)
}

// locations returns the locations the pointer p may point to; nil if
// they are not known.
func (r *resolver) locations(p ssa.Value, depth int) []loc {
	if depth > maxDepth {
		return nil
	}
	if l, ok := r.locsOf[p]; ok {
		return l
	}
	if r.busy[p] {
		return nil
	}
	r.busy[p] = true
	defer delete(r.busy, p)
	var out []loc
	add := func(l loc) {
		if !slices.Contains(out, l) {
			out = append(out, l)
		}
	}
	switch p := p.(type) {
	case *ssa.Global, *ssa.Alloc:
		add(loc{base: p})
	case *ssa.Call:
		if f, ok := stringFlag(p.Common()); ok && !f.Into {
			add(loc{base: p})
		}
	case *ssa.FieldAddr:
		for _, l := range r.locations(p.X, depth+1) {
			add(loc{base: l.base, field: l.field + "." + fieldName(p.X.Type(), p.Field)})
		}
	case *ssa.FreeVar:
		fn := p.Parent()
		i := slices.Index(fn.FreeVars, p)
		for _, mc := range r.closure[fn] {
			for _, l := range r.locations(mc.Bindings[i], depth+1) {
				add(l)
			}
		}
	case *ssa.Phi:
		for _, e := range p.Edges {
			for _, l := range r.locations(e, depth+1) {
				add(l)
			}
		}
	case *ssa.UnOp:
		// A pointer read from a variable: what is stored there.
		if p.Op == token.MUL {
			for _, q := range r.locations(p.X, depth+1) {
				for _, st := range r.storesAt(q, depth+1) {
					for _, l := range r.locations(st.Val, depth+1) {
						add(l)
					}
				}
			}
		}
	}
	r.locsOf[p] = out
	return out
}

// storesAt returns the stores to exactly location l.
func (r *resolver) storesAt(l loc, depth int) []*ssa.Store {
	if s, ok := r.storesTo[l]; ok {
		return s
	}
	var out []*ssa.Store
	for _, st := range r.stores {
		if slices.Contains(r.locations(st.Addr, depth+1), l) {
			out = append(out, st)
		}
	}
	r.storesTo[l] = out
	return out
}

// lastStoreBefore returns the last store to the address load reads, in
// its block and before it: the only one that reaches the load.
func lastStoreBefore(load *ssa.UnOp) *ssa.Store {
	var last *ssa.Store
	for _, instr := range load.Block().Instrs {
		if instr == load {
			return last
		}
		if st, ok := instr.(*ssa.Store); ok && sameAddr(st.Addr, load.X) {
			last = st
		}
	}
	return nil
}

// sameAddr reports whether two addresses are the same location: the same
// value, or the same field of the same location.
func sameAddr(a, b ssa.Value) bool {
	if a == b {
		return true
	}
	fa, ok1 := a.(*ssa.FieldAddr)
	fb, ok2 := b.(*ssa.FieldAddr)
	return ok1 && ok2 && fa.Field == fb.Field && sameAddr(fa.X, fb.X)
}

// loadDefs returns the definitions of a string loaded from memory.
func (r *resolver) loadDefs(load *ssa.UnOp, depth int) []def {
	if st := lastStoreBefore(load); st != nil {
		return r.defs(st.Val, depth+1)
	}
	locs := r.locations(load.X, depth+1)
	if len(locs) == 0 {
		return unknownDefs()
	}
	var out []def
	for _, l := range locs {
		for _, d := range r.locDefs(l, depth+1) {
			out = appendDef(out, d)
		}
	}
	return out
}

// locDefs returns the definitions stored to a location: by stores to it
// or to the value that holds it, as a flag's default, or zero for a field
// of a package variable nothing sets.
func (r *resolver) locDefs(l loc, depth int) []def {
	if r.busy[l] || depth > maxDepth {
		return nil
	}
	r.busy[l] = true
	defer delete(r.busy, l)
	var out []def
	how := ""
	if g, ok := l.base.(*ssa.Global); ok && l.field != "" {
		how = "field " + strings.TrimPrefix(l.field, ".") + " of var " + g.Name()
	}
	// Stores of the path, or of a value that holds it (".Server" holds
	// ".Server.Addr").
	prefixes := []string{""}
	for i := 1; i < len(l.field); i++ {
		if l.field[i] == '.' {
			prefixes = append(prefixes, l.field[:i])
		}
	}
	if l.field != "" {
		prefixes = append(prefixes, l.field)
	}
	for _, p := range prefixes {
		rest := l.field[len(p):]
		stores := r.storesAt(loc{base: l.base, field: p}, depth+1)
		for _, st := range stores {
			if overridden(st, stores) {
				continue
			}
			ds := r.defs(st.Val, depth+1)
			if rest != "" {
				ds = r.fieldDefs(st.Val, rest, depth+1)
			}
			for _, d := range ds {
				out = appendDef(out, d.with(how, st.Pos()))
			}
		}
	}
	// Flags whose value is stored there, or whose value this is.
	if call, ok := l.base.(*ssa.Call); ok && l.field == "" {
		out = append(out, r.flagDefs(call.Common(), depth)...)
	}
	for _, call := range r.flags {
		c := call.Common()
		if slices.Contains(r.locations(c.Args[flagArg(c, 0)], depth+1), l) {
			out = append(out, r.flagDefs(c, depth)...)
		}
	}
	return out
}

// overridden reports whether a store of a package variable's initializer
// is overwritten, before any other code runs, by an init function that
// stores to the same location in its first block.
func overridden(st *ssa.Store, stores []*ssa.Store) bool {
	if st.Parent().Synthetic != "package initializer" {
		return false
	}
	for _, o := range stores {
		if fn := o.Parent(); fn.Parent() == nil && strings.HasPrefix(fn.Name(), "init#") && o.Block().Index == 0 {
			return true
		}
	}
	return false
}

// fieldDefs returns the definitions of the field path (".Addr") of the
// struct value v.
func (r *resolver) fieldDefs(v ssa.Value, path string, depth int) []def {
	if depth > maxDepth {
		return unknownDefs()
	}
	switch v := v.(type) {
	case *ssa.UnOp:
		if v.Op == token.MUL {
			var out []def
			locs := r.locations(v.X, depth+1)
			if len(locs) == 0 {
				return unknownDefs()
			}
			for _, l := range locs {
				for _, d := range r.locDefs(loc{base: l.base, field: l.field + path}, depth+1) {
					out = appendDef(out, d)
				}
			}
			return out
		}
	case *ssa.Phi:
		if r.busy[v] {
			return nil
		}
		r.busy[v] = true
		defer delete(r.busy, v)
		var out []def
		for _, e := range v.Edges {
			for _, d := range r.fieldDefs(e, path, depth+1) {
				out = appendDef(out, d)
			}
		}
		return out
	case *ssa.Field:
		return r.fieldDefs(v.X, "."+fieldName(v.X.Type(), v.Field)+path, depth+1)
	case *ssa.Const:
		return nil // the zero struct: an empty field, which exposes nothing
	}
	return unknownDefs()
}

// stringFlag returns the model of a call that defines a string flag.
func stringFlag(c *ssa.CallCommon) (model.StringFlag, bool) {
	fn := c.StaticCallee()
	if fn == nil {
		return model.StringFlag{}, false
	}
	obj, ok := fn.Object().(*types.Func)
	if !ok {
		return model.StringFlag{}, false
	}
	name := obj.FullName()
	for _, f := range model.StringFlags {
		if f.Func == name {
			return f, true
		}
	}
	return model.StringFlag{}, false
}

// flagArg returns the index in c.Args of the flag call's argument i (the
// model counts without the receiver).
func flagArg(c *ssa.CallCommon, i int) int {
	if c.StaticCallee().Signature.Recv() != nil {
		return i + 1
	}
	return i
}

// flagDefs returns the default of a string flag, named as such.
func (r *resolver) flagDefs(c *ssa.CallCommon, depth int) []def {
	f, _ := stringFlag(c)
	how := "the default of a flag"
	if name, ok := ssautil.ConstString(c.Args[flagArg(c, f.Name)]); ok {
		how = "the default of flag -" + name
	}
	var out []def
	for _, d := range r.defs(c.Args[flagArg(c, f.Default)], depth+1) {
		out = appendDef(out, d.with(how, c.Pos()))
	}
	return out
}

func (l listDef) strings() ([]string, bool) {
	if !l.complete {
		return nil, false
	}
	out := make([]string, len(l.elems))
	for i, e := range l.elems {
		if !e.exposedValue() {
			return nil, false
		}
		out[i] = e.val
	}
	return out, true
}

// lists returns the lists the []string value v may hold.
func (r *resolver) lists(v ssa.Value, depth int) []listDef {
	if depth > maxDepth {
		return unknownLists()
	}
	switch v := v.(type) {
	case *ssa.Const:
		if v.IsNil() {
			return []listDef{{complete: true}}
		}
	case *ssa.Slice:
		ops, ok := ssautil.Variadic(v)
		if !ok {
			break
		}
		alts := []listDef{{complete: true}}
		for _, op := range ops {
			alts = appendElems(alts, r.defs(op, depth+1))
		}
		return alts
	case *ssa.Call:
		if b, ok := v.Call.Value.(*ssa.Builtin); ok && b.Name() == "append" && len(v.Call.Args) == 2 {
			var out []listDef
			for _, x := range r.lists(v.Call.Args[0], depth+1) {
				for _, y := range r.lists(v.Call.Args[1], depth+1) {
					out = appendList(out, listDef{
						elems:    append(slices.Clip(x.elems), y.elems...),
						complete: x.complete && y.complete,
						how:      append(slices.Clip(x.how), y.how...),
						at:       x.at,
					})
				}
			}
			return out
		}
		if fn := v.Call.StaticCallee(); fn != nil {
			if obj, ok := fn.Object().(*types.Func); ok {
				return r.split(obj.FullName(), v.Call.Args, depth)
			}
		}
	case *ssa.Phi:
		with := func(l listDef, cond string, at token.Pos) listDef {
			if cond != "" {
				l = l.with(cond, at)
			}
			return l
		}
		return phiEdges(r, v, func(e ssa.Value) []listDef { return r.lists(e, depth+1) }, with, appendList)
	case *ssa.UnOp:
		if v.Op != token.MUL {
			break
		}
		if st := lastStoreBefore(v); st != nil {
			return r.lists(st.Val, depth+1)
		}
		locs := r.locations(v.X, depth+1)
		if len(locs) == 0 {
			break
		}
		var out []listDef
		for _, l := range locs {
			if r.busy[l] {
				continue
			}
			r.busy[l] = true
			for _, st := range r.storesAt(l, depth+1) {
				for _, x := range r.lists(st.Val, depth+1) {
					out = appendList(out, x)
				}
			}
			delete(r.busy, l)
		}
		if len(out) == 0 {
			break
		}
		return out
	}
	return unknownLists()
}

// split evaluates strings.Fields and strings.Split.
func (r *resolver) split(name string, args []ssa.Value, depth int) []listDef {
	role := model.Funcs[name].Role
	if role != model.SplitFields && role != model.SplitSeparator {
		return unknownLists()
	}
	var out []listDef
	for _, s := range r.defs(args[0], depth+1) {
		if !s.exposedValue() {
			out = appendList(out, unknownLists()[0])
			continue
		}
		parts := strings.Fields(s.val)
		if role == model.SplitSeparator {
			sep, ok := ssautil.ConstString(args[1])
			if !ok {
				return unknownLists()
			}
			parts = strings.Split(s.val, sep)
		}
		l := listDef{complete: true}
		for _, p := range parts {
			l.elems = append(l.elems, def{val: p, known: true, param: -1, how: s.how, at: s.at})
		}
		out = appendList(out, l)
	}
	return out
}

// with notes how the list came to the use.
func (l listDef) with(how string, at token.Pos) listDef {
	l.how = append(slices.Clip(l.how), how)
	if !l.at.IsValid() {
		l.at = at
	}
	return l
}

// note says how element i (or, for -1, the list) came to the use.
func (l listDef) note(i int) (string, token.Pos) {
	var how []string
	at := l.at
	if i >= 0 && i < len(l.elems) {
		how = l.elems[i].how
		if l.elems[i].at.IsValid() {
			at = l.elems[i].at
		}
	}
	return strings.Join(append(slices.Clip(how), l.how...), ", "), at
}

// appendElems extends each of alts by one element that may be any of ds.
func appendElems(alts []listDef, ds []def) []listDef {
	var out []listDef
	for _, a := range alts {
		for _, d := range ds {
			out = appendList(out, listDef{elems: append(slices.Clip(a.elems), d), complete: a.complete})
		}
	}
	return out
}

func appendList(out []listDef, l listDef) []listDef {
	for _, x := range out {
		if x.complete == l.complete && slices.EqualFunc(x.elems, l.elems, def.same) && slices.Equal(x.how, l.how) {
			return out
		}
	}
	if len(out) >= maxDefs {
		return out
	}
	return append(out, l)
}
