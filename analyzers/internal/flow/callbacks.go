package flow

import (
	"go/types"
	"strings"

	"github.com/cachevet/cachevet/analyzers/internal/model"
	"golang.org/x/tools/go/ssa"
)

// callbacksOf returns the model's callbacks that fn implements: fn is a
// method of a type implementing the callback's interface, and has its
// name. The library calls it with data it built, whoever else calls it.
func (e *engine) callbacksOf(fn *ssa.Function) []model.Callback {
	sig := fn.Signature
	if sig.Recv() == nil || fn.Parent() != nil || fn.Synthetic != "" {
		return nil
	}
	var out []model.Callback
	for _, cb := range model.Callbacks {
		if cb.Method != fn.Name() || cb.Param >= len(fn.Params) {
			continue
		}
		iface := e.interfaceNamed(cb.Interface)
		if iface != nil && types.Implements(sig.Recv().Type(), iface) {
			out = append(out, cb)
		}
	}
	return out
}

// interfaceNamed finds the interface "path.Name" among the packages the
// analyzed package imports, directly or not: an implementation names the
// interface's package in its signature, so that package is imported.
func (e *engine) interfaceNamed(name string) *types.Interface {
	if iface, ok := e.ifaceMemo[name]; ok {
		return iface
	}
	i := strings.LastIndex(name, ".")
	var found *types.Interface
	if p := e.importedPackage(name[:i]); p != nil {
		if tn, ok := p.Scope().Lookup(name[i+1:]).(*types.TypeName); ok {
			found, _ = tn.Type().Underlying().(*types.Interface)
		}
	}
	e.ifaceMemo[name] = found
	return found
}

// seedCallbackKeys makes the key parameters of fn's callbacks hold what
// the library puts in them: the gorm-caches key holds the query's SQL
// text, spaces included, and its arguments, of any length.
func (e *engine) seedCallbackKeys(fn *ssa.Function) {
	for _, cb := range e.callbacksOf(fn) {
		if cb.Holds != model.KeyData {
			continue
		}
		p := fn.Params[cb.Param]
		o := e.origin(originKey{kind: FromSource, pos: p.Pos(), desc: cb.Key.Desc}, nil)
		e.setVal(p, Taint{o: cb.Key.Bytes})
	}
}
