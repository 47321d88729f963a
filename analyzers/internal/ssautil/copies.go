package ssautil

import "golang.org/x/tools/go/ssa"

// CopiedFrom returns the operand of an instruction that passes its bytes on
// unchanged (a conversion, interface wrapping or unwrapping, a slice turned
// into an array pointer). Taint and length both see through these alike.
func CopiedFrom(v ssa.Value) (ssa.Value, bool) {
	switch x := v.(type) {
	case *ssa.Convert:
		return x.X, true
	case *ssa.ChangeType:
		return x.X, true
	case *ssa.MultiConvert:
		return x.X, true
	case *ssa.MakeInterface:
		return x.X, true
	case *ssa.ChangeInterface:
		return x.X, true
	case *ssa.TypeAssert:
		return x.X, true
	case *ssa.SliceToArrayPointer:
		return x.X, true
	}
	return nil, false
}

// Unconvert strips a conversion ([]byte(s)) so that what is said of the
// result is said of s.
func Unconvert(v ssa.Value) ssa.Value {
	if c, ok := v.(*ssa.Convert); ok {
		return c.X
	}
	return v
}
