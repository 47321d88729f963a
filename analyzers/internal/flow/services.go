package flow

import (
	"go/types"
	"slices"

	"github.com/cachevet/cachevet/analyzers/internal/model"
	"golang.org/x/tools/go/ssa"
)

// A serviceInterface is an interface a framework calls with the client's
// data (see model.Service), as generated code in the package or in one it
// imports declares it.
type serviceInterface struct {
	service *model.Service
	iface   *types.Interface
	// parent: the parameter after the context is the object the server
	// resolved (a gqlgen object resolver's obj), not the client's.
	parent bool
}

// serviceInterfaces finds the handler interfaces generated code declares
// in the package and in those it imports: an implementation is written
// next to the generated code or in a package importing it.
func (e *engine) serviceInterfaces() []serviceInterface {
	if e.services != nil {
		return *e.services
	}
	var found []serviceInterface
	for _, pkg := range append([]*types.Package{e.pass.Pkg}, e.pass.Pkg.Imports()...) {
		scope := pkg.Scope()
		for _, name := range scope.Names() {
			fn, ok := scope.Lookup(name).(*types.Func)
			if !ok {
				continue
			}
			for i := range model.Services {
				found = append(found, generatedServices(&model.Services[i], fn.Signature())...)
			}
		}
	}
	e.services = &found
	return found
}

// generatedServices returns the interfaces sig, the signature of a
// generated function, registers or roots for service s.
func generatedServices(s *model.Service, sig *types.Signature) []serviceInterface {
	params := sig.Params()
	switch {
	case s.Registrar != "":
		registrar := false
		var ifaces []*types.Interface
		for i := 0; i < params.Len(); i++ {
			t := params.At(i).Type()
			if qualifiedName(t) == s.Registrar {
				registrar = true
			} else if it, ok := namedInterface(t); ok {
				ifaces = append(ifaces, it)
			}
		}
		if !registrar || len(ifaces) != 1 {
			return nil
		}
		return []serviceInterface{{service: s, iface: ifaces[0]}}
	case s.Schema != "":
		if sig.Results().Len() != 1 || params.Len() != 1 || qualifiedName(sig.Results().At(0).Type()) != s.Schema {
			return nil
		}
		cfg, ok := params.At(0).Type().Underlying().(*types.Struct)
		if !ok {
			return nil
		}
		var out []serviceInterface
		for i := 0; i < cfg.NumFields(); i++ {
			if cfg.Field(i).Name() != s.Root {
				continue
			}
			root, ok := namedInterface(cfg.Field(i).Type())
			if !ok {
				return nil
			}
			for j := 0; j < root.NumMethods(); j++ {
				m := root.Method(j)
				if m.Signature().Results().Len() != 1 {
					continue
				}
				if it, ok := namedInterface(m.Signature().Results().At(0).Type()); ok {
					out = append(out, serviceInterface{service: s, iface: it, parent: !slices.Contains(s.Operations, m.Name())})
				}
			}
		}
		return out
	}
	return nil
}

// qualifiedName is "path.Name" for a named type, "" for any other: what
// t.String() says of a named type without type arguments, without
// printing every parameter of every function of the package and its
// imports.
func qualifiedName(t types.Type) string {
	n, ok := types.Unalias(t).(*types.Named)
	if !ok || n.Obj().Pkg() == nil || n.TypeArgs().Len() > 0 {
		return ""
	}
	return n.Obj().Pkg().Path() + "." + n.Obj().Name()
}

func namedInterface(t types.Type) (*types.Interface, bool) {
	if _, ok := types.Unalias(t).(*types.Named); !ok {
		return nil, false
	}
	it, ok := t.Underlying().(*types.Interface)
	return it, ok && !it.Empty()
}

// seedServiceParams makes the client's parameters of fn sources if fn
// implements a method of a service interface.
func (e *engine) seedServiceParams(fn *ssa.Function) {
	recv := fn.Signature.Recv()
	if recv == nil || fn.Parent() != nil || len(fn.Params) == 0 {
		return
	}
	for _, si := range e.serviceInterfaces() {
		// A method of T implements the interface if T or *T does: the
		// server is usually registered by pointer, whatever its
		// methods' receivers.
		t := recv.Type()
		if _, ptr := t.(*types.Pointer); !ptr {
			t = types.NewPointer(t)
		}
		if !hasMethod(si.iface, fn.Name()) || !types.Implements(t, si.iface) {
			continue
		}
		params := fn.Params[1:]
		if len(params) > 0 && isContext(params[0].Type()) {
			params = params[1:]
		}
		if si.parent && len(params) > 0 {
			params = params[1:]
		}
		for _, p := range params {
			if !e.canCarry(p.Type()) || si.service.Message != "" && !hasMethodNamed(p.Type(), si.service.Message) {
				continue
			}
			desc := si.service.Desc + " (parameter " + p.Name() + " of " + fn.Name() + ")"
			o := e.origin(originKey{kind: FromSource, pos: p.Pos(), desc: desc}, nil)
			e.setVal(p, Taint{o: si.service.Bytes})
		}
		return
	}
}

func hasMethod(it *types.Interface, name string) bool {
	for i := 0; i < it.NumMethods(); i++ {
		if it.Method(i).Name() == name {
			return true
		}
	}
	return false
}

func hasMethodNamed(t types.Type, name string) bool {
	obj, _, _ := types.LookupFieldOrMethod(t, true, nil, name)
	_, ok := obj.(*types.Func)
	return ok
}

func isContext(t types.Type) bool { return t.String() == "context.Context" }
