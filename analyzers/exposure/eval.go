package exposure

import (
	"fmt"
	"go/ast"
	"go/constant"
	"go/token"
	"go/types"
	"net"
	"slices"
	"strconv"
	"strings"

	"github.com/cachevet/cachevet/analyzers/internal/model"
	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/types/typeutil"
)

// maxDepth bounds how many variables and calls the evaluator follows.
const maxDepth = 16

// evaluator computes the constant value of expressions beyond what the
// type checker folds: it follows variables to the one assignment that
// reaches a use, string concatenation, net.JoinHostPort, fmt.Sprintf with a
// constant format, strconv.Itoa and strings.Join, and, for string slices,
// composite literals, append, strings.Fields and strings.Split.
//
// A variable's value is known where a single assignment reaches: either
// the variable is assigned exactly once (its declaration), or all its
// assignments are statements of one statement list, as in
//
//	args := []string{"-m", "64"}
//	args = append(args, "-U", "0")
//	exec.Command("memcached", args...)
//
// where the last assignment before the statement of the use reaches it.
type evaluator struct {
	info *types.Info
	// assigns lists the assignments of variables whose every assignment
	// is a plain one (nil value for a declaration without a value: the
	// zero value).
	assigns map[*types.Var][]assignment
	// unstable marks variables changed through a pointer, an element, an
	// operator assignment or a range clause: their value is not known.
	unstable map[*types.Var]bool
	// fields records the assignments to fields of variables, such as
	// cfg.Hardened = true, by variable and field name.
	fields map[*types.Var]map[string][]ast.Expr
}

// assignment is one assignment of a value to a variable.
type assignment struct {
	value ast.Expr   // nil for the zero value
	stmt  ast.Stmt   // the statement that assigns
	list  []ast.Stmt // the statement list stmt belongs to, if any
	index int        // stmt's index in list
	decl  bool       // the assignment declares the variable
}

func newEvaluator(pass *analysis.Pass) *evaluator {
	ev := &evaluator{
		info:     pass.TypesInfo,
		assigns:  make(map[*types.Var][]assignment),
		unstable: make(map[*types.Var]bool),
		fields:   make(map[*types.Var]map[string][]ast.Expr),
	}
	for _, f := range pass.Files {
		ast.PreorderStack(f, nil, ev.record)
	}
	return ev
}

func (ev *evaluator) record(n ast.Node, stack []ast.Node) bool {
	switch n := n.(type) {
	case *ast.ValueSpec:
		// In a function, the spec is inside a GenDecl inside a DeclStmt.
		var stmt ast.Stmt
		if len(stack) >= 2 {
			stmt, _ = stack[len(stack)-2].(*ast.DeclStmt)
		}
		for i, name := range n.Names {
			switch {
			case len(n.Values) == len(n.Names):
				ev.assign(name, n.Values[i], stmt, stack)
			case len(n.Values) == 0:
				ev.assign(name, nil, stmt, stack)
			default:
				ev.spoil(name)
			}
		}
	case *ast.AssignStmt:
		for i, lhs := range n.Lhs {
			if (n.Tok == token.ASSIGN || n.Tok == token.DEFINE) && len(n.Lhs) == len(n.Rhs) {
				if id, ok := ast.Unparen(lhs).(*ast.Ident); ok {
					ev.assign(id, n.Rhs[i], n, stack)
					continue
				}
				if sel, ok := ast.Unparen(lhs).(*ast.SelectorExpr); ok {
					ev.assignField(sel, n.Rhs[i])
				}
			}
			ev.spoil(lhs)
		}
	case *ast.IncDecStmt:
		ev.spoil(n.X)
	case *ast.RangeStmt:
		if n.Key != nil {
			ev.spoil(n.Key)
		}
		if n.Value != nil {
			ev.spoil(n.Value)
		}
	case *ast.UnaryExpr:
		if n.Op == token.AND {
			ev.spoil(n.X)
		}
	}
	return true
}

func (ev *evaluator) assign(id *ast.Ident, e ast.Expr, stmt ast.Stmt, stack []ast.Node) {
	v, ok := ev.info.ObjectOf(id).(*types.Var)
	if !ok || ev.unstable[v] {
		return
	}
	_, isDecl := ev.info.Defs[id].(*types.Var)
	a := assignment{value: e, stmt: stmt, index: -1, decl: isDecl}
	if stmt != nil && len(stack) > 0 {
		a.list = stmtList(stack[len(stack)-1])
		if _, inDecl := stmt.(*ast.DeclStmt); inDecl && len(stack) >= 3 {
			a.list = stmtList(stack[len(stack)-3]) // ValueSpec < GenDecl < DeclStmt < list
		}
		a.index = slices.Index(a.list, stmt)
	}
	ev.assigns[v] = append(ev.assigns[v], a)
}

// stmtList returns the statement list of a block, case or select clause.
func stmtList(n ast.Node) []ast.Stmt {
	switch n := n.(type) {
	case *ast.BlockStmt:
		return n.List
	case *ast.CaseClause:
		return n.Body
	case *ast.CommClause:
		return n.Body
	}
	return nil
}

// reaching returns the assignment of v that reaches the use at pos.
func (ev *evaluator) reaching(v *types.Var, pos token.Pos) (assignment, bool) {
	as := ev.assigns[v]
	if ev.unstable[v] || len(as) == 0 {
		return assignment{}, false
	}
	if len(as) == 1 && as[0].decl {
		return as[0], true // declared with its only value
	}
	list := as[0].list
	for _, a := range as {
		if a.index < 0 || len(a.list) == 0 || &a.list[0] != &list[0] {
			return assignment{}, false // assignments in different blocks
		}
	}
	// The statement of list that holds the use.
	k := -1
	for i, st := range list {
		if st.Pos() <= pos && pos < st.End() {
			k = i
			break
		}
	}
	if k < 0 || inFuncLit(list[k], pos) {
		return assignment{}, false // a closure may run after later assignments
	}
	var last *assignment
	for i := range as {
		if as[i].index < k {
			last = &as[i]
		}
	}
	if last == nil {
		return assignment{}, false
	}
	return *last, true
}

// inFuncLit reports whether pos is inside a function literal within n.
func inFuncLit(n ast.Node, pos token.Pos) bool {
	found := false
	ast.Inspect(n, func(n ast.Node) bool {
		if fl, ok := n.(*ast.FuncLit); ok && fl.Pos() <= pos && pos < fl.End() {
			found = true
		}
		return !found
	})
	return found
}

// assignField records an assignment to a field of a variable.
func (ev *evaluator) assignField(sel *ast.SelectorExpr, e ast.Expr) {
	id, ok := ast.Unparen(sel.X).(*ast.Ident)
	if !ok {
		return
	}
	v, ok := ev.info.ObjectOf(id).(*types.Var)
	if !ok {
		return
	}
	if ev.fields[v] == nil {
		ev.fields[v] = make(map[string][]ast.Expr)
	}
	ev.fields[v][sel.Sel.Name] = append(ev.fields[v][sel.Sel.Name], e)
}

// fieldValues returns the expressions assigned to a field of the variable
// x names, in its declaration's composite literal and in assignments.
func (ev *evaluator) fieldValues(x ast.Expr, field string) []ast.Expr {
	id, ok := ast.Unparen(x).(*ast.Ident)
	if !ok {
		return nil
	}
	v, ok := ev.info.ObjectOf(id).(*types.Var)
	if !ok {
		return nil
	}
	out := slices.Clone(ev.fields[v][field])
	if as := ev.assigns[v]; len(as) == 1 && !ev.unstable[v] && as[0].value != nil {
		init := as[0].value
		if u, ok := ast.Unparen(init).(*ast.UnaryExpr); ok && u.Op == token.AND {
			init = u.X
		}
		if lit, ok := ast.Unparen(init).(*ast.CompositeLit); ok {
			if e := litField(lit, field); e != nil {
				out = append(out, e)
			}
		}
	}
	return out
}

// litField returns the value of a field in a keyed struct literal.
func litField(lit *ast.CompositeLit, field string) ast.Expr {
	for _, e := range lit.Elts {
		if kv, ok := e.(*ast.KeyValueExpr); ok {
			if id, ok := kv.Key.(*ast.Ident); ok && id.Name == field {
				return kv.Value
			}
		}
	}
	return nil
}

// spoil marks the variable at the root of e (x in x, x[i], x[i:j]) as
// changing.
func (ev *evaluator) spoil(e ast.Expr) {
	for {
		switch x := ast.Unparen(e).(type) {
		case *ast.IndexExpr:
			e = x.X
			continue
		case *ast.SliceExpr:
			e = x.X
			continue
		case *ast.Ident:
			if v, ok := ev.info.ObjectOf(x).(*types.Var); ok {
				ev.unstable[v] = true
			}
		}
		return
	}
}

// init returns the expression assigned to the variable e names that
// reaches e (nil for the zero value).
func (ev *evaluator) init(e ast.Expr) (init ast.Expr, v *types.Var, ok bool) {
	id, isID := ast.Unparen(e).(*ast.Ident)
	if !isID {
		return nil, nil, false
	}
	v, isVar := ev.info.ObjectOf(id).(*types.Var)
	if !isVar {
		return nil, nil, false
	}
	a, ok := ev.reaching(v, id.Pos())
	return a.value, v, ok
}

// flagDefault reports whether e is *p for a p defined by flag.String (or
// the String method of a FlagSet) and returns the flag's name and the
// expression of its default value.
func (ev *evaluator) flagDefault(e ast.Expr) (name string, def ast.Expr, ok bool) {
	star, isStar := ast.Unparen(e).(*ast.StarExpr)
	if !isStar {
		return "", nil, false
	}
	init, _, ok := ev.init(star.X)
	if !ok || init == nil {
		return "", nil, false
	}
	call, isCall := ast.Unparen(init).(*ast.CallExpr)
	if !isCall {
		return "", nil, false
	}
	fn := typeutil.StaticCallee(ev.info, call)
	if fn == nil {
		return "", nil, false
	}
	for _, f := range model.StringFlags {
		if f.Func == fn.FullName() && !f.Into && f.Name < len(call.Args) && f.Default < len(call.Args) {
			name, _ = ev.str(call.Args[f.Name])
			return name, call.Args[f.Default], true
		}
	}
	return "", nil, false
}

// str returns the constant string value of e.
func (ev *evaluator) str(e ast.Expr) (string, bool) {
	v := ev.value(e, 0)
	if v == nil || v.Kind() != constant.String {
		return "", false
	}
	return constant.StringVal(v), true
}

// value returns the constant value of e, or nil.
func (ev *evaluator) value(e ast.Expr, depth int) constant.Value {
	if depth > maxDepth {
		return nil
	}
	if tv, ok := ev.info.Types[e]; ok && tv.Value != nil {
		return tv.Value
	}
	switch e := ast.Unparen(e).(type) {
	case *ast.Ident:
		init, v, ok := ev.init(e)
		if !ok {
			return nil
		}
		if init == nil {
			return zero(v.Type())
		}
		return ev.value(init, depth+1)
	case *ast.BinaryExpr:
		if e.Op != token.ADD {
			return nil
		}
		x, y := ev.value(e.X, depth+1), ev.value(e.Y, depth+1)
		if x == nil || y == nil || x.Kind() != y.Kind() || (x.Kind() != constant.String && x.Kind() != constant.Int) {
			return nil
		}
		return constant.BinaryOp(x, token.ADD, y)
	case *ast.CallExpr:
		return ev.call(e, depth)
	case *ast.StarExpr:
		if _, def, ok := ev.flagDefault(e); ok {
			return ev.value(def, depth+1)
		}
	}
	return nil
}

func zero(t types.Type) constant.Value {
	b, ok := t.Underlying().(*types.Basic)
	switch {
	case !ok:
		return nil
	case b.Info()&types.IsString != 0:
		return constant.MakeString("")
	case b.Info()&types.IsInteger != 0:
		return constant.MakeInt64(0)
	case b.Info()&types.IsBoolean != 0:
		return constant.MakeBool(false)
	}
	return nil
}

func (ev *evaluator) call(call *ast.CallExpr, depth int) constant.Value {
	if tv, ok := ev.info.Types[call.Fun]; ok && tv.IsType() && len(call.Args) == 1 {
		// A conversion between string types keeps the value.
		if isString(tv.Type) && isString(ev.info.TypeOf(call.Args[0])) {
			return ev.value(call.Args[0], depth+1)
		}
		return nil
	}
	fn := typeutil.StaticCallee(ev.info, call)
	if fn == nil || call.Ellipsis.IsValid() {
		return nil
	}
	strArg := func(i int) (string, bool) {
		v := ev.value(call.Args[i], depth+1)
		if v == nil || v.Kind() != constant.String {
			return "", false
		}
		return constant.StringVal(v), true
	}
	switch model.Funcs[fn.FullName()].Role {
	case model.JoinHostPort:
		h, ok1 := strArg(0)
		p, ok2 := strArg(1)
		if ok1 && ok2 {
			return constant.MakeString(net.JoinHostPort(h, p))
		}
	case model.FormatDecimal:
		if v := ev.value(call.Args[0], depth+1); v != nil && v.Kind() == constant.Int {
			return constant.MakeString(v.ExactString())
		}
	case model.JoinStrings:
		l := ev.list(call.Args[0], depth+1)
		sep, ok := strArg(1)
		if vals, known := l.strings(); known && ok {
			return constant.MakeString(strings.Join(vals, sep))
		}
	case model.Printf:
		format, ok := strArg(0)
		if !ok {
			return nil
		}
		var args []any
		for _, a := range call.Args[1:] {
			x, ok := ev.fmtOperand(a, depth+1)
			if !ok {
				return nil
			}
			args = append(args, x)
		}
		s := fmt.Sprintf(format, args...)
		if strings.Contains(s, "%!") {
			return nil // a bad verb or a wrong number of operands
		}
		return constant.MakeString(s)
	}
	return nil
}

// fmtOperand returns the Go value fmt would format for a constant operand
// of a basic type without methods.
func (ev *evaluator) fmtOperand(e ast.Expr, depth int) (any, bool) {
	t := ev.info.TypeOf(e)
	if t == nil {
		return nil, false
	}
	if n, ok := types.Unalias(t).(*types.Named); ok && n.NumMethods() > 0 {
		return nil, false
	}
	if _, ok := t.Underlying().(*types.Basic); !ok {
		return nil, false
	}
	v := ev.value(e, depth)
	if v == nil {
		return nil, false
	}
	switch v.Kind() {
	case constant.String:
		return constant.StringVal(v), true
	case constant.Int:
		if i, exact := constant.Int64Val(v); exact {
			return i, true
		}
		if u, exact := constant.Uint64Val(v); exact {
			return u, true
		}
	case constant.Bool:
		return constant.BoolVal(v), true
	}
	return nil, false
}

func isString(t types.Type) bool {
	if t == nil {
		return false
	}
	b, ok := t.Underlying().(*types.Basic)
	return ok && b.Info()&types.IsString != 0
}

// elem is one element of a string list: its value if known, and the
// expression it comes from, if it is an expression of its own.
type elem struct {
	val   string
	known bool
	expr  ast.Expr // nil for elements of a constant split by strings.Fields
}

// list is what is known of a []string value.
type list struct {
	elems []elem
	// complete reports whether elems are all the elements: otherwise an
	// unknown number of unknown elements precede or follow some of them.
	complete bool
	// lit is the composite literal the list starts with, where elements
	// can be added by a fix.
	lit *ast.CompositeLit
}

func unknownList() list { return list{elems: []elem{{}}} }

func (l list) strings() ([]string, bool) {
	if !l.complete {
		return nil, false
	}
	out := make([]string, len(l.elems))
	for i, e := range l.elems {
		if !e.known {
			return nil, false
		}
		out[i] = e.val
	}
	return out, true
}

// args returns the list of the variadic arguments of call from index i on.
func (ev *evaluator) args(call *ast.CallExpr, i int) list {
	if i > len(call.Args) {
		return unknownList()
	}
	if call.Ellipsis.IsValid() {
		if i != len(call.Args)-1 {
			return unknownList()
		}
		return ev.list(call.Args[i], 0)
	}
	l := list{complete: true}
	for _, a := range call.Args[i:] {
		l.elems = append(l.elems, ev.elem(a, 0))
	}
	return l
}

func (ev *evaluator) elem(e ast.Expr, depth int) elem {
	v := ev.value(e, depth)
	if v == nil || v.Kind() != constant.String {
		return elem{expr: e}
	}
	return elem{val: constant.StringVal(v), known: true, expr: e}
}

// list returns what is known of the []string value of e.
func (ev *evaluator) list(e ast.Expr, depth int) list {
	if depth > maxDepth {
		return unknownList()
	}
	switch e := ast.Unparen(e).(type) {
	case *ast.Ident:
		if _, isNil := ev.info.ObjectOf(e).(*types.Nil); isNil {
			return list{complete: true}
		}
		init, _, ok := ev.init(e)
		switch {
		case !ok:
			return unknownList()
		case init == nil:
			return list{complete: true}
		}
		return ev.list(init, depth+1)
	case *ast.CompositeLit:
		l := list{complete: true, lit: e}
		for _, x := range e.Elts {
			if _, keyed := x.(*ast.KeyValueExpr); keyed {
				return unknownList()
			}
			l.elems = append(l.elems, ev.elem(x, depth+1))
		}
		return l
	case *ast.CallExpr:
		if id, ok := ast.Unparen(e.Fun).(*ast.Ident); ok {
			if b, ok := ev.info.Uses[id].(*types.Builtin); ok && b.Name() == "append" && len(e.Args) > 0 {
				l := ev.list(e.Args[0], depth+1)
				var rest list
				if e.Ellipsis.IsValid() {
					rest = ev.list(e.Args[1], depth+1)
				} else {
					rest.complete = true
					for _, a := range e.Args[1:] {
						rest.elems = append(rest.elems, ev.elem(a, depth+1))
					}
				}
				return list{
					elems:    append(l.elems[:len(l.elems):len(l.elems)], rest.elems...),
					complete: l.complete && rest.complete,
					lit:      l.lit,
				}
			}
		}
		fn := typeutil.StaticCallee(ev.info, e)
		if fn == nil || e.Ellipsis.IsValid() {
			break
		}
		var parts []string
		switch model.Funcs[fn.FullName()].Role {
		case model.SplitFields:
			s, ok := ev.str(e.Args[0])
			if !ok {
				return unknownList()
			}
			parts = strings.Fields(s)
		case model.SplitSeparator:
			s, ok1 := ev.str(e.Args[0])
			sep, ok2 := ev.str(e.Args[1])
			if !ok1 || !ok2 {
				return unknownList()
			}
			parts = strings.Split(s, sep)
		default:
			return unknownList()
		}
		l := list{complete: true}
		for _, p := range parts {
			l.elems = append(l.elems, elem{val: p, known: true})
		}
		return l
	}
	return unknownList()
}

// quote returns s as a Go string literal, for messages and fixes.
func quote(s string) string { return strconv.Quote(s) }
