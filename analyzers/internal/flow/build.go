package flow

import (
	"go/ast"
	"go/types"
	"strings"

	"github.com/cachevet/cachevet/analyzers/internal/model"
	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ssa"
)

// buildSSA builds SSA for the package of pass, as the buildssa pass does,
// but without requiring ctrlflow: ctrlflow exports facts, which would make
// every driver build CFGs for every dependency. The few functions that never
// return and matter for guards come from the model instead.
func buildSSA(pass *analysis.Pass) (*ssa.Package, []*ssa.Function) {
	prog := ssa.NewProgram(pass.Fset, ssa.InstantiateGenerics)
	prog.SetNoReturn(func(fn *types.Func) bool { return model.Funcs[fn.FullName()].NoReturn })
	for _, p := range pass.Pkg.Imports() {
		prog.CreatePackage(p, nil, nil, true)
	}
	pkg := prog.CreatePackage(pass.Pkg, pass.Files, pass.TypesInfo, false)
	pkg.Build()

	var funcs []*ssa.Function
	var add func(fn *ssa.Function)
	add = func(fn *ssa.Function) {
		funcs = append(funcs, fn)
		for _, anon := range fn.AnonFuncs {
			add(anon)
		}
	}
	for _, file := range pass.Files {
		for _, decl := range file.Decls {
			if decl, ok := decl.(*ast.FuncDecl); ok {
				obj, _ := pass.TypesInfo.Defs[decl.Name].(*types.Func)
				if fn := prog.FuncValue(obj); fn != nil && fn.Blocks != nil {
					add(fn)
				}
			}
		}
	}
	// Package initializers hold the regexps and replacers that guards and
	// sanitizers refer to.
	if init := pkg.Func("init"); init != nil {
		add(init)
	}
	return pkg, calleesFirst(funcs)
}

// calleesFirst orders funcs so that a function comes after the functions
// it calls and the closures it makes, as far as recursion allows: a round
// of the fixed point then sees every callee's summary already computed, so
// only recursive functions need further rounds. The order is otherwise
// that of funcs, which keeps it deterministic.
func calleesFirst(funcs []*ssa.Function) []*ssa.Function {
	local := make(map[*ssa.Function]bool, len(funcs))
	for _, fn := range funcs {
		local[fn] = true
	}
	out := make([]*ssa.Function, 0, len(funcs))
	seen := make(map[*ssa.Function]bool, len(funcs))
	var visit func(fn *ssa.Function)
	visit = func(fn *ssa.Function) {
		if seen[fn] {
			return
		}
		seen[fn] = true
		for _, b := range fn.Blocks {
			for _, instr := range b.Instrs {
				var callee *ssa.Function
				switch in := instr.(type) {
				case ssa.CallInstruction:
					callee = in.Common().StaticCallee()
				case *ssa.MakeClosure:
					callee, _ = in.Fn.(*ssa.Function)
				}
				if callee != nil && callee.Origin() != nil {
					callee = callee.Origin()
				}
				if callee != nil && local[callee] {
					visit(callee)
				}
			}
		}
		out = append(out, fn)
	}
	for _, fn := range funcs {
		visit(fn)
	}
	return out
}

// readDirectives finds //cachevet:sanitizer and //cachevet:validator in the
// doc comments of the package's functions.
func readDirectives(pass *analysis.Pass) map[*types.Func]string {
	out := make(map[*types.Func]string)
	for _, file := range pass.Files {
		for _, decl := range file.Decls {
			fd, ok := decl.(*ast.FuncDecl)
			if !ok || fd.Doc == nil {
				continue
			}
			obj, _ := pass.TypesInfo.Defs[fd.Name].(*types.Func)
			if obj == nil {
				continue
			}
			for _, c := range fd.Doc.List {
				switch strings.TrimSpace(c.Text) {
				case "//cachevet:sanitizer":
					out[obj] = "sanitizer"
				case "//cachevet:validator":
					out[obj] = "validator"
				}
			}
		}
	}
	return out
}

// globalInitStores maps each package-level variable to the values the
// package initializer stores in it, so that `var keyRE = regexp.MustCompile(...)`
// can be judged where it is used.
func globalInitStores(pkg *ssa.Package) map[*ssa.Global][]ssa.Value {
	out := make(map[*ssa.Global][]ssa.Value)
	init := pkg.Func("init")
	if init == nil {
		return out
	}
	for _, b := range init.Blocks {
		for _, instr := range b.Instrs {
			if st, ok := instr.(*ssa.Store); ok {
				if g, ok := st.Addr.(*ssa.Global); ok {
					out[g] = append(out[g], st.Val)
				}
			}
		}
	}
	return out
}

// resolve follows a value to its definition through loads of package
// variables set once by the initializer and through type changes.
func (e *engine) resolve(v ssa.Value) ssa.Value {
	for range 8 {
		switch x := v.(type) {
		case *ssa.UnOp:
			if g, ok := x.X.(*ssa.Global); ok && x.Op.String() == "*" {
				if stores := e.initStores[g]; len(stores) == 1 {
					v = stores[0]
					continue
				}
			}
		case *ssa.ChangeType:
			v = x.X
			continue
		case *ssa.MakeInterface:
			v = x.X
			continue
		case *ssa.Extract:
			if x.Index == 0 {
				v = x.Tuple
				continue
			}
		}
		return v
	}
	return v
}

// canCarry reports whether a value of type t can hold bytes of a key:
// strings, byte slices and anything that contains them. Numbers and
// booleans cannot, which is why strconv.Atoi is a sanitizer by type.
func (e *engine) canCarry(t types.Type) bool {
	if v, ok := e.carryMemo[t]; ok {
		return v
	}
	e.carryMemo[t] = true // optimistic for recursive types
	v := e.carry(t)
	e.carryMemo[t] = v
	return v
}

func (e *engine) carry(t types.Type) bool {
	// Errors are not keys: tracking what their messages quote would only
	// make every function returning an error look like a source.
	if types.Identical(t, errorType) {
		return false
	}
	switch t := t.Underlying().(type) {
	case *types.Basic:
		return t.Info()&types.IsString != 0 || t.Kind() == types.UnsafePointer
	case *types.Pointer:
		return e.canCarry(t.Elem())
	case *types.Slice:
		return e.canCarry(t.Elem()) || isByte(t.Elem())
	case *types.Array:
		return e.canCarry(t.Elem()) || isByte(t.Elem())
	case *types.Map:
		return e.canCarry(t.Key()) || e.canCarry(t.Elem())
	case *types.Chan:
		return e.canCarry(t.Elem())
	case *types.Struct:
		for i := 0; i < t.NumFields(); i++ {
			if e.canCarry(t.Field(i).Type()) {
				return true
			}
		}
		return false
	case *types.Tuple:
		for i := 0; i < t.Len(); i++ {
			if e.canCarry(t.At(i).Type()) {
				return true
			}
		}
		return false
	case *types.Interface, *types.TypeParam:
		return true
	case *types.Signature:
		return false
	}
	return false
}

var errorType = types.Universe.Lookup("error").Type()

func isByte(t types.Type) bool {
	b, ok := t.Underlying().(*types.Basic)
	return ok && (b.Kind() == types.Byte || b.Kind() == types.Uint8)
}
