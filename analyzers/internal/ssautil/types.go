package ssautil

import "go/types"

// IsString reports whether t is a string type.
func IsString(t types.Type) bool {
	b, ok := t.Underlying().(*types.Basic)
	return ok && b.Info()&types.IsString != 0
}

// IsByte reports whether t is byte (or another uint8).
func IsByte(t types.Type) bool {
	b, ok := t.Underlying().(*types.Basic)
	return ok && b.Kind() == types.Uint8
}

// IsBytes reports whether t is a slice or an array of bytes.
func IsBytes(t types.Type) bool {
	switch u := t.Underlying().(type) {
	case *types.Slice:
		return IsByte(u.Elem())
	case *types.Array:
		return IsByte(u.Elem())
	}
	return false
}
