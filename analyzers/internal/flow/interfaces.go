package flow

import (
	"go/types"

	"golang.org/x/tools/go/ssa"
)

// interfaceMethods returns the methods of the interfaces the package
// declares.
func (e *engine) interfaceMethods() []*types.Func {
	var out []*types.Func
	scope := e.pass.Pkg.Scope()
	for _, name := range scope.Names() {
		tn, ok := scope.Lookup(name).(*types.TypeName)
		if !ok || tn.IsAlias() {
			continue
		}
		iface, ok := tn.Type().Underlying().(*types.Interface)
		if !ok {
			continue
		}
		for i := 0; i < iface.NumExplicitMethods(); i++ {
			out = append(out, iface.ExplicitMethod(i))
		}
	}
	return out
}

// implementations returns this package's methods that implement the
// interface method m: calls through the interface may reach any of them.
func (e *engine) implementations(m *types.Func) []*ssa.Function {
	if impls, ok := e.implsMemo[m]; ok {
		return impls
	}
	var impls []*ssa.Function
	recv := m.Signature().Recv()
	if recv == nil {
		e.implsMemo[m] = nil
		return nil
	}
	iface, ok := recv.Type().Underlying().(*types.Interface)
	if !ok {
		e.implsMemo[m] = nil
		return nil
	}
	scope := e.pass.Pkg.Scope()
	prog := e.pkg.Prog
	for _, name := range scope.Names() {
		tn, ok := scope.Lookup(name).(*types.TypeName)
		if !ok || tn.IsAlias() || types.IsInterface(tn.Type()) {
			continue
		}
		if _, generic := tn.Type().(*types.Named); !generic || tn.Type().(*types.Named).TypeParams().Len() > 0 {
			continue
		}
		for _, t := range []types.Type{tn.Type(), types.NewPointer(tn.Type())} {
			if !types.Implements(t, iface) {
				continue
			}
			sel := prog.MethodSets.MethodSet(t).Lookup(m.Pkg(), m.Name())
			if sel == nil {
				continue
			}
			if fn := prog.MethodValue(sel); fn != nil && e.local[fn] {
				impls = append(impls, fn)
			}
			break
		}
	}
	e.implsMemo[m] = impls
	return impls
}
