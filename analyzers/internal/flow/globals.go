package flow

import (
	"go/token"
	"go/types"
	"strings"

	"github.com/cachevet/cachevet/analyzers/internal/ssautil"
	"golang.org/x/tools/go/ssa"
)

// globalInitStores maps each package-level variable to the values the
// package initializer (and the package's func init) stores in it, so that `var keyRE = regexp.MustCompile(...)`
// can be judged where it is used. A variable that a function of the
// package (funcs) assigns as well is left out: its value is not the one
// the initializer made. So is a map or slice that may change after it is
// made, whose elements an allow list could not be judged by: an exported
// one (another package may add to it), or one that a function writes
// into, appends to or passes on (see readOnlyUse).
func globalInitStores(pkg *ssa.Package, funcs []*ssa.Function) map[*ssa.Global][]ssa.Value {
	out := make(map[*ssa.Global][]ssa.Value)
	init := pkg.Func("init")
	if init == nil {
		return out
	}
	initializers := []*ssa.Function{init}
	for _, fn := range funcs {
		if isInitFunc(fn) {
			initializers = append(initializers, fn)
		}
	}
	for _, fn := range initializers {
		for _, b := range fn.Blocks {
			for _, instr := range b.Instrs {
				if st, ok := instr.(*ssa.Store); ok {
					if g, ok := st.Addr.(*ssa.Global); ok {
						out[g] = append(out[g], st.Val)
					}
				}
			}
		}
	}
	for _, fn := range funcs {
		for _, b := range fn.Blocks {
			for _, instr := range b.Instrs {
				switch in := instr.(type) {
				case *ssa.Store:
					if g, ok := in.Addr.(*ssa.Global); ok && fn != init && !isInitFunc(fn) {
						delete(out, g)
					}
				case *ssa.UnOp:
					if g, ok := in.X.(*ssa.Global); ok && in.Op == token.MUL && isCollection(in.Type()) && !readOnly(in) {
						delete(out, g)
					}
				}
			}
		}
	}
	for g := range out {
		if isCollection(g.Type().(*types.Pointer).Elem()) && g.Object() != nil && g.Object().Exported() {
			delete(out, g)
		}
	}
	return out
}

// isInitFunc reports whether fn is a func init() of the package, which
// the initializer runs once (SSA names them init#1, init#2...).
func isInitFunc(fn *ssa.Function) bool {
	return fn.Parent() == nil && fn.Signature.Recv() == nil && strings.HasPrefix(fn.Name(), "init#")
}

// isCollection reports whether t is a map or a slice, whose contents may
// change while the variable holding it does not.
func isCollection(t types.Type) bool {
	switch t.Underlying().(type) {
	case *types.Map, *types.Slice:
		return true
	}
	return false
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
		case *ssa.ChangeType, *ssa.MakeInterface:
			v = ssautil.FirstOperand(x)
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
