package exposure

import (
	"go/ast"
	"go/token"
	"go/types"

	"github.com/cachevet/cachevet/analyzers/internal/model"
	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/types/typeutil"
)

// Building a package's SSA form to summarize its helpers costs as much as
// the rest of exposure together, and most of it is spent on functions no
// summary an importer can use depends on. A summary tells an importer a
// constant or a parameter a result may be (see summarize), and an
// importer can only call the package's exported functions and methods.
// summaryScope reads the syntax of those, before any SSA is built, and
// keeps the ones whose string results may be such a value by the
// resolver's rules. It answers yes wherever it cannot tell (a variable, a
// field, a call of this package or of one with a summary fact, a fold of
// the model), so that it only rules out what the resolver would find
// unknown too: a result that is an opaque call (fmt.Sprintf of a
// variable, a method of an interface, one of a package without facts), an
// index, a slice, a type assertion, or a concatenation with one of them.

// summaryScope returns the function declarations whose bodies the
// summaries of the package's exported helpers may depend on: the helpers
// whose results may say something, the functions they refer to, and
// every function that may store to a package variable, whose stores the
// resolver follows wherever they are. It returns nil if no exported
// helper may say anything.
func summaryScope(pass *analysis.Pass) map[*ast.FuncDecl]bool {
	m := &maySay{pass: pass, vars: make(map[*types.Var][]ast.Expr), seen: make(map[any]bool)}
	var roots []*ast.FuncDecl
	for _, f := range pass.Files {
		for _, decl := range f.Decls {
			fd, ok := decl.(*ast.FuncDecl)
			if !ok || fd.Body == nil {
				continue
			}
			m.record(fd.Body)
			if fn, ok := pass.TypesInfo.Defs[fd.Name].(*types.Func); ok && fn.Exported() && returnsString(fn.Signature()) {
				roots = append(roots, fd)
			}
		}
	}
	keep := make(map[*ast.FuncDecl]bool)
	var work []*ast.FuncDecl
	for _, fd := range roots {
		if m.funcDecl(fd) {
			keep[fd] = true
			work = append(work, fd)
		}
	}
	if len(keep) == 0 {
		return nil
	}
	for _, fd := range m.decls() {
		if !keep[fd] && m.storesGlobal(fd) {
			keep[fd] = true
			work = append(work, fd)
		}
	}
	for len(work) > 0 {
		fd := work[len(work)-1]
		work = work[:len(work)-1]
		for _, callee := range m.refs(fd) {
			if !keep[callee] {
				keep[callee] = true
				work = append(work, callee)
			}
		}
	}
	return keep
}

// storesGlobal reports whether fd's body may store to a package
// variable or to memory reached from one, which the resolver's locations
// follow: it refers to a package variable, and it assigns to something
// other than a variable of its own or takes an address.
func (m *maySay) storesGlobal(fd *ast.FuncDecl) bool {
	info := m.pass.TypesInfo
	global, store := false, false
	ownVar := func(e ast.Expr) bool {
		id, ok := ast.Unparen(e).(*ast.Ident)
		if !ok {
			return false
		}
		v, ok := info.ObjectOf(id).(*types.Var)
		return id.Name == "_" || ok && v.Kind() != types.PackageVar
	}
	ast.Inspect(fd.Body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.Ident:
			if v, ok := info.Uses[n].(*types.Var); ok && v.Kind() == types.PackageVar && v.Pkg() == m.pass.Pkg {
				global = true
			}
		case *ast.AssignStmt:
			for _, lhs := range n.Lhs {
				store = store || !ownVar(lhs)
			}
		case *ast.RangeStmt:
			store = store || n.Key != nil && !ownVar(n.Key) || n.Value != nil && !ownVar(n.Value)
		case *ast.IncDecStmt:
			store = store || !ownVar(n.X)
		case *ast.UnaryExpr:
			store = store || n.Op == token.AND
		}
		return !(global && store)
	})
	return global && store
}

// refs returns the declarations of the package's functions and methods
// that fd's body refers to, called or not.
func (m *maySay) refs(fd *ast.FuncDecl) []*ast.FuncDecl {
	var out []*ast.FuncDecl
	ast.Inspect(fd.Body, func(n ast.Node) bool {
		if id, ok := n.(*ast.Ident); ok {
			if fn, ok := m.pass.TypesInfo.Uses[id].(*types.Func); ok {
				if fn.Origin() != nil {
					fn = fn.Origin()
				}
				if d := m.decl(fn); d != nil {
					out = append(out, d)
				}
			}
		}
		return true
	})
	return out
}

// stripped returns copies of files in which the functions outside keep
// have no body: SSA builds them as external functions, which is cheap.
func stripped(files []*ast.File, keep map[*ast.FuncDecl]bool) []*ast.File {
	out := make([]*ast.File, len(files))
	for i, f := range files {
		nf := *f
		nf.Decls = make([]ast.Decl, len(f.Decls))
		for j, d := range f.Decls {
			if fd, ok := d.(*ast.FuncDecl); ok && fd.Body != nil && !keep[fd] {
				c := *fd
				c.Body = nil
				d = &c
			}
			nf.Decls[j] = d
		}
		out[i] = &nf
	}
	return out
}

// maySay is summaryScope's state: the values assigned to each local
// variable, and what is being or was looked at (a cycle adds nothing, as
// for the resolver).
type maySay struct {
	pass *analysis.Pass
	vars map[*types.Var][]ast.Expr // nil entries: a value that may be anything
	seen map[any]bool

	byFunc  map[*types.Func]*ast.FuncDecl
	ordered []*ast.FuncDecl
}

// record notes the values assigned to local variables in body, its
// closures included.
func (m *maySay) record(body *ast.BlockStmt) {
	info := m.pass.TypesInfo
	add := func(id ast.Expr, e ast.Expr) {
		if id, ok := ast.Unparen(id).(*ast.Ident); ok {
			if v, ok := info.ObjectOf(id).(*types.Var); ok {
				m.vars[v] = append(m.vars[v], e)
			}
		}
	}
	ast.Inspect(body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.ValueSpec:
			for i, name := range n.Names {
				switch {
				case len(n.Values) == len(n.Names):
					add(name, n.Values[i])
				case len(n.Values) == 1:
					add(name, n.Values[0]) // a call with several results
				default:
					add(name, nil) // the zero value, a constant
				}
			}
		case *ast.AssignStmt:
			for i, lhs := range n.Lhs {
				switch {
				case n.Tok != token.ASSIGN && n.Tok != token.DEFINE:
					add(lhs, nil) // s += x
				case len(n.Lhs) == len(n.Rhs):
					add(lhs, n.Rhs[i])
				default:
					add(lhs, n.Rhs[0]) // a call with several results, or a comma-ok form
				}
			}
		case *ast.UnaryExpr:
			if n.Op == token.AND {
				add(n.X, nil) // stored through its address
			}
		}
		return true
	})
}

// funcDecl reports whether a string result of fd may be a constant or a
// parameter.
func (m *maySay) funcDecl(fd *ast.FuncDecl) bool {
	if m.seen[fd] {
		return false // recursion: the resolver finds the call unknown
	}
	m.seen[fd] = true
	info := m.pass.TypesInfo
	fn, _ := info.Defs[fd.Name].(*types.Func)
	if fn == nil {
		return true
	}
	results := fn.Signature().Results()
	found := false
	ast.Inspect(fd.Body, func(n ast.Node) bool {
		if found {
			return false
		}
		switch n := n.(type) {
		case *ast.FuncLit:
			return false // its returns are its own
		case *ast.ReturnStmt:
			switch {
			case len(n.Results) == 0:
				found = returnsString(fn.Signature()) // named results: variables
			case len(n.Results) == results.Len():
				for i, e := range n.Results {
					if isString(results.At(i).Type()) && m.expr(e) {
						found = true
					}
				}
			default:
				found = m.expr(n.Results[0]) // return f() with several results
			}
		}
		return !found
	})
	return found
}

// expr reports whether the string expression e may be a constant or a
// parameter where the resolver looks at it.
func (m *maySay) expr(e ast.Expr) bool {
	info := m.pass.TypesInfo
	if tv, ok := info.Types[e]; ok && tv.Value != nil {
		return true
	}
	switch e := ast.Unparen(e).(type) {
	case *ast.Ident:
		v, ok := info.ObjectOf(e).(*types.Var)
		if !ok {
			return false
		}
		if v.Kind() != types.LocalVar {
			return true // a parameter, a named result, a package variable
		}
		vals, assigned := m.vars[v]
		if !assigned {
			return true // declared outside a function body's statements
		}
		if m.seen[v] {
			return false
		}
		m.seen[v] = true
		for _, val := range vals {
			if val == nil || m.expr(val) {
				return true
			}
		}
		return false
	case *ast.SelectorExpr, *ast.StarExpr:
		return true // a field or a package variable: its stores decide
	case *ast.BinaryExpr:
		return e.Op == token.ADD && m.expr(e.X) && m.expr(e.Y)
	case *ast.CallExpr:
		return m.call(e)
	}
	return false // an index, a slice, a type assertion, a receive
}

// call reports whether a call's string result may be a constant or a
// parameter.
func (m *maySay) call(call *ast.CallExpr) bool {
	info := m.pass.TypesInfo
	if tv, ok := info.Types[call.Fun]; ok && tv.IsType() {
		// A conversion: the resolver follows one from a string only.
		return len(call.Args) == 1 && isString(info.TypeOf(call.Args[0])) && m.expr(call.Args[0])
	}
	fn := typeutil.StaticCallee(info, call)
	if fn == nil {
		// SSA calls a closure statically, through a local variable too.
		switch f := ast.Unparen(call.Fun).(type) {
		case *ast.FuncLit:
			return true
		case *ast.Ident:
			v, ok := info.ObjectOf(f).(*types.Var)
			return ok && v.Kind() == types.LocalVar
		}
		return false
	}
	if fn.Origin() != nil {
		fn = fn.Origin()
	}
	if fn.Pkg() == m.pass.Pkg {
		if fd := m.decl(fn); fd != nil {
			return m.funcDecl(fd)
		}
		return true
	}
	if isFolded(fn) {
		return true
	}
	return m.pass.ImportObjectFact(fn, new(returnsFact))
}

// isFolded reports whether the resolver evaluates calls of fn itself.
func isFolded(fn *types.Func) bool {
	switch model.Funcs[fn.FullName()].Role {
	case model.JoinHostPort, model.FormatDecimal, model.JoinStrings, model.Printf:
		return true
	}
	return false
}

// decl returns the declaration of a function of the package.
func (m *maySay) decl(fn *types.Func) *ast.FuncDecl {
	m.decls()
	return m.byFunc[fn]
}

// decls returns the package's function declarations with a body, in
// source order.
func (m *maySay) decls() []*ast.FuncDecl {
	if m.byFunc == nil {
		m.byFunc = make(map[*types.Func]*ast.FuncDecl)
		for _, f := range m.pass.Files {
			for _, d := range f.Decls {
				if fd, ok := d.(*ast.FuncDecl); ok && fd.Body != nil {
					if obj, ok := m.pass.TypesInfo.Defs[fd.Name].(*types.Func); ok {
						m.byFunc[obj] = fd
						m.ordered = append(m.ordered, fd)
					}
				}
			}
		}
	}
	return m.ordered
}
