package flow

import (
	"go/types"

	"github.com/cachevet/cachevet/analyzers/internal/model"

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

// clientSink returns the key sink of a call through an interface that a
// modelled client implements: a wrapper holding its client as
// interface{ GetMulti([]string) (map[string]*memcache.Item, error) }, so
// that tests can swap it, still sends the keys to memcached. The sink is
// the client's method of the same name.
func (e *engine) clientSink(c *ssa.CallCommon) (model.KeySink, bool) {
	if !c.IsInvoke() {
		return model.KeySink{}, false
	}
	iface, ok := c.Value.Type().Underlying().(*types.Interface)
	if !ok {
		return model.KeySink{}, false
	}
	for _, client := range e.clientTypes() {
		ptr := types.NewPointer(client)
		if !types.Implements(ptr, iface) {
			continue
		}
		ks, ok := e.keySinks["(*"+client.Obj().Pkg().Path()+".Client)."+c.Method.Name()]
		return ks, ok
	}
	return model.KeySink{}, false
}

// clientTypes returns the Client types of the modelled clients among the
// packages this one depends on.
func (e *engine) clientTypes() []*types.Named {
	if e.clients != nil {
		return *e.clients
	}
	var out []*types.Named
	seen := make(map[*types.Package]bool)
	var visit func(p *types.Package)
	visit = func(p *types.Package) {
		if seen[p] {
			return
		}
		seen[p] = true
		if isClient(p.Path()) {
			if tn, ok := p.Scope().Lookup("Client").(*types.TypeName); ok {
				if named, ok := tn.Type().(*types.Named); ok {
					out = append(out, named)
				}
			}
		}
		for _, imp := range p.Imports() {
			visit(imp)
		}
	}
	visit(e.pass.Pkg)
	e.clients = &out
	return out
}
