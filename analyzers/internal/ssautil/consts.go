package ssautil

import (
	"go/constant"

	"golang.org/x/tools/go/ssa"
)

// ConstString returns the value of a string constant.
func ConstString(v ssa.Value) (string, bool) {
	c, ok := v.(*ssa.Const)
	if !ok || c.Value == nil || c.Value.Kind() != constant.String {
		return "", false
	}
	return constant.StringVal(c.Value), true
}

// IsConstInt reports whether v is the integer constant want.
func IsConstInt(v ssa.Value, want int64) bool {
	c, ok := v.(*ssa.Const)
	if !ok || c.Value == nil {
		return false
	}
	n, exact := constant.Int64Val(constant.ToInt(c.Value))
	return exact && n == want
}

// ConstInt returns the value of an integer constant, or of a float
// constant that is an exact integer.
func ConstInt(c *ssa.Const) (int64, bool) {
	if c.Value == nil {
		return 0, false
	}
	if k := c.Value.Kind(); k != constant.Int && k != constant.Float {
		return 0, false
	}
	return Int64(c.Value)
}

// Int64 returns a constant as an int64, if it is one exactly.
func Int64(v constant.Value) (int64, bool) {
	return constant.Int64Val(constant.ToInt(v))
}
