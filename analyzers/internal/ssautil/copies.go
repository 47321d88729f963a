package ssautil

import "golang.org/x/tools/go/ssa"

// CopiedFrom returns the operand of an instruction that passes its bytes on
// unchanged (a conversion, interface wrapping or unwrapping, a slice turned
// into an array pointer). Taint and length both see through these alike.
func CopiedFrom(v ssa.Value) (ssa.Value, bool) {
	switch v.(type) {
	case *ssa.Convert, *ssa.ChangeType, *ssa.MultiConvert, *ssa.MakeInterface,
		*ssa.ChangeInterface, *ssa.TypeAssert, *ssa.SliceToArrayPointer:
		return FirstOperand(v), true
	}
	return nil, false
}

// FirstOperand returns the first operand of an instruction: the X of a
// conversion, of interface wrapping or unwrapping, of a slice operation.
func FirstOperand(v ssa.Value) ssa.Value { return *v.(ssa.Instruction).Operands(nil)[0] }

// Unconvert strips a conversion ([]byte(s)) so that what is said of the
// result is said of s.
func Unconvert(v ssa.Value) ssa.Value {
	if c, ok := v.(*ssa.Convert); ok {
		return c.X
	}
	return v
}
