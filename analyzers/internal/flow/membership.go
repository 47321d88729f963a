package flow

import (
	"go/token"
	"go/types"

	"github.com/cachevet/cachevet/analyzers/internal/model"
	"github.com/cachevet/cachevet/analyzers/internal/ssautil"
	"golang.org/x/tools/go/ssa"
)

// Membership guards: a value found in an allow list of constants is one
// of them. The list is a map literal whose keys are constants
// (`if !allowed[k] { return }`, `if _, ok := allowed[k]; !ok`), or a slice
// literal of constants (slices.Contains(kinds, k)), made in the function
// or held in a package variable that nothing changes (see
// globalInitStores). A list that may change, or whose elements are not
// all constants, proves nothing.

// memberProof is what finding a value among elems proves: it holds only
// their unsafe bytes and is no longer than the longest.
func memberProof(elems []string) proof {
	var bytes model.ByteSet
	n := 0
	for _, s := range elems {
		bytes |= model.UnsafeBytesIn(s)
		n = max(n, len(s))
	}
	return proofOf(model.AnyUnsafe&^bytes, n)
}

// lookupCondition reads `m[k]` of a map of bools (true only for a key
// present) and the ok of `_, ok := m[k]`: when true, k is a key of m.
func (e *engine) lookupCondition(l *ssa.Lookup, whenTrue bool) []condition {
	if !isMap(l.X.Type()) {
		return nil
	}
	if !l.CommaOk {
		if b, ok := l.Type().Underlying().(*types.Basic); !ok || b.Kind() != types.Bool {
			return nil
		}
	}
	keys, ok := e.constantElems(l.X)
	if !ok {
		return nil
	}
	return []condition{{x: l.Index, whenTrue: whenTrue, proof: memberProof(keys)}}
}

// constantElems returns the constant keys of the map, or the constant
// elements of the slice, that v holds.
func (e *engine) constantElems(v ssa.Value) ([]string, bool) {
	if load, ok := v.(*ssa.UnOp); ok && load.Op == token.MUL {
		g, ok := load.X.(*ssa.Global)
		if !ok {
			return nil, false
		}
		// globalInitStores keeps only the collections nothing changes.
		stores := e.initStores[g]
		if len(stores) != 1 {
			return nil, false
		}
		v = stores[0]
	}
	switch x := v.(type) {
	case *ssa.MakeMap:
		return mapLiteralKeys(x)
	case *ssa.Slice:
		if !readOnly(x, storeTo(x)...) {
			return nil, false
		}
		if a, ok := x.X.(*ssa.Alloc); !ok || !constantArray(a, x) {
			return nil, false
		}
		return ssautil.VariadicStrings(x)
	}
	return nil, false
}

// constantArray reports whether alloc, the array of a slice literal, is
// stored constant strings once an element and otherwise only read; s is
// the slice made of it, left to the caller.
func constantArray(alloc *ssa.Alloc, s *ssa.Slice) bool {
	arr, ok := alloc.Type().Underlying().(*types.Pointer).Elem().Underlying().(*types.Array)
	if !ok {
		return false
	}
	stores := 0
	for _, ref := range *alloc.Referrers() {
		if ref == s {
			continue
		}
		ia, ok := ref.(*ssa.IndexAddr)
		if !ok {
			if !readOnlyUse(ref, alloc) {
				return false
			}
			continue
		}
		for _, use := range *ia.Referrers() {
			switch u := use.(type) {
			case *ssa.Store:
				if _, ok := ssautil.ConstString(u.Val); !ok || u.Addr != ia {
					return false
				}
				stores++
			case *ssa.UnOp:
				if u.Op != token.MUL {
					return false
				}
			default:
				return false
			}
		}
	}
	// One store an element: VariadicStrings finds them all.
	return int64(stores) == arr.Len()
}

// storeTo returns the store of v into a package variable, if that is one
// of its uses: the initializer's, left to globalInitStores to judge.
func storeTo(v ssa.Value) []ssa.Instruction {
	for _, ref := range *v.Referrers() {
		if st, ok := ref.(*ssa.Store); ok && st.Val == v {
			if _, ok := st.Addr.(*ssa.Global); ok {
				return []ssa.Instruction{st}
			}
		}
	}
	return nil
}

// mapLiteralKeys returns the keys stored into a map that is made, filled
// with constant keys, and then only read (or stored in the package
// variable that holds it).
func mapLiteralKeys(m *ssa.MakeMap) ([]string, bool) {
	var keys []string
	for _, ref := range *m.Referrers() {
		switch r := ref.(type) {
		case *ssa.MapUpdate:
			k, ok := ssautil.ConstString(r.Key)
			if !ok || r.Map != m {
				return nil, false
			}
			keys = append(keys, k)
		case *ssa.Store:
			if _, ok := r.Addr.(*ssa.Global); !ok || r.Val != m {
				return nil, false
			}
		default:
			if !readOnlyUse(ref, m) {
				return nil, false
			}
		}
	}
	return keys, true
}

// readOnly reports whether every use of v, a map, a slice or the array
// behind a slice literal, only reads it. except is a use left to the
// caller (the slice a literal's array is made into).
func readOnly(v ssa.Value, except ...ssa.Instruction) bool {
	refs := v.Referrers()
	if refs == nil {
		return false
	}
	for _, ref := range *refs {
		if len(except) > 0 && ref == except[0] {
			continue
		}
		if !readOnlyUse(ref, v) {
			return false
		}
	}
	return true
}

// readOnlyUse reports whether instruction ref only reads v: a lookup, an
// index, a range, a load of an element, len and cap, the stores that fill
// a literal's array, and the membership tests themselves. Anything else
// (an element's address kept, append, a call that may write into it)
// may change it.
func readOnlyUse(ref ssa.Instruction, v ssa.Value) bool {
	switch r := ref.(type) {
	case *ssa.DebugRef, *ssa.Lookup, *ssa.Index, *ssa.Range:
		return true
	case *ssa.IndexAddr:
		for _, use := range *r.Referrers() {
			if load, ok := use.(*ssa.UnOp); !ok || load.Op != token.MUL {
				return false
			}
		}
		return true
	case *ssa.Call:
		if b, ok := r.Call.Value.(*ssa.Builtin); ok {
			return b.Name() == "len" || b.Name() == "cap"
		}
		fn := r.Call.StaticCallee()
		if fn == nil {
			return false
		}
		if fn.Origin() != nil {
			fn = fn.Origin()
		}
		obj, _ := fn.Object().(*types.Func)
		if obj == nil {
			return false
		}
		g := model.Funcs[obj.FullName()].Guard
		return (g == model.GuardMember || g == model.GuardMemberIndex) && len(r.Call.Args) == 2 && r.Call.Args[0] == v
	}
	return false
}
