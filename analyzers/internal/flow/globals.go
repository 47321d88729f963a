package flow

import (
	"github.com/cachevet/cachevet/analyzers/internal/ssautil"
	"golang.org/x/tools/go/ssa"
)

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
