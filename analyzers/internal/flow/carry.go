package flow

import (
	"go/types"

	"github.com/cachevet/cachevet/analyzers/internal/model"
	"github.com/cachevet/cachevet/analyzers/internal/ssautil"
)

// canCarry reports whether a value of type t can hold bytes of a key:
// strings, byte slices and anything that contains them. Numbers and
// booleans cannot, which is why strconv.Atoi is a sanitizer by type.
func (e *engine) canCarry(t types.Type) bool {
	if v, ok := e.carryMemo[t]; ok {
		return v
	}
	e.carryMemo[t] = true // optimistic for recursive types
	v := e.carry(t)
	e.carryMemo[t] = v
	return v
}

// sourceType reports whether a parameter of type t is a request itself
// (model.SourceTypes), kept by type: every round of the fixed point asks
// of the parameters that reach a cached value.
func (e *engine) sourceType(t types.Type) bool {
	v, ok := e.sourceMemo[t]
	if !ok {
		v = model.SourceTypes[t.String()]
		e.sourceMemo[t] = v
	}
	return v
}

func (e *engine) carry(t types.Type) bool {
	// Errors are not keys: tracking what their messages quote would only
	// make every function returning an error look like a source.
	if types.Identical(t, errorType) {
		return false
	}
	switch t := t.Underlying().(type) {
	case *types.Basic:
		return t.Info()&types.IsString != 0 || t.Kind() == types.UnsafePointer
	case *types.Pointer:
		return e.canCarry(t.Elem())
	case *types.Slice:
		return e.canCarry(t.Elem()) || ssautil.IsByte(t.Elem())
	case *types.Array:
		return e.canCarry(t.Elem()) || ssautil.IsByte(t.Elem())
	case *types.Map:
		return e.canCarry(t.Key()) || e.canCarry(t.Elem())
	case *types.Chan:
		return e.canCarry(t.Elem())
	case *types.Struct:
		for i := 0; i < t.NumFields(); i++ {
			if e.canCarry(t.Field(i).Type()) {
				return true
			}
		}
		return false
	case *types.Tuple:
		for i := 0; i < t.Len(); i++ {
			if e.canCarry(t.At(i).Type()) {
				return true
			}
		}
		return false
	case *types.Interface, *types.TypeParam:
		return true
	case *types.Signature:
		return false
	}
	return false
}

var errorType = types.Universe.Lookup("error").Type()
