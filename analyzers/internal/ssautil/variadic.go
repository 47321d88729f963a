package ssautil

import (
	"go/constant"
	"go/types"

	"golang.org/x/tools/go/ssa"
)

// Variadic recovers, in order, the operands packed into a variadic ...T
// slice (interface conversions undone); ok is false if they cannot all be
// found.
func Variadic(v ssa.Value) ([]ssa.Value, bool) {
	if c, ok := v.(*ssa.Const); ok && c.IsNil() {
		return nil, true
	}
	sl, ok := v.(*ssa.Slice)
	if !ok {
		return nil, false
	}
	alloc, ok := sl.X.(*ssa.Alloc)
	if !ok {
		return nil, false
	}
	arr, ok := alloc.Type().Underlying().(*types.Pointer).Elem().Underlying().(*types.Array)
	if !ok {
		return nil, false
	}
	ops := make([]ssa.Value, arr.Len())
	for _, ref := range *alloc.Referrers() {
		ia, ok := ref.(*ssa.IndexAddr)
		if !ok {
			continue
		}
		c, ok := ia.Index.(*ssa.Const)
		if !ok {
			return nil, false
		}
		i, _ := constant.Int64Val(c.Value)
		for _, r2 := range *ia.Referrers() {
			if st, ok := r2.(*ssa.Store); ok && st.Addr == ia && int(i) < len(ops) {
				x := st.Val
				if mi, ok := x.(*ssa.MakeInterface); ok {
					x = mi.X
				}
				ops[i] = x
			}
		}
	}
	for _, op := range ops {
		if op == nil {
			return nil, false
		}
	}
	return ops, true
}

// VariadicStrings recovers constant strings packed into a ...string slice.
func VariadicStrings(v ssa.Value) ([]string, bool) {
	ops, ok := Variadic(v)
	if !ok {
		return nil, false
	}
	out := make([]string, len(ops))
	for i, op := range ops {
		if out[i], ok = ConstString(op); !ok {
			return nil, false
		}
	}
	return out, true
}
