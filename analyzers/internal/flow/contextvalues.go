package flow

import (
	"go/constant"
	"go/token"
	"go/types"

	"github.com/cachevet/cachevet/analyzers/internal/model"
	"golang.org/x/tools/go/ssa"
)

// contextValue applies a store or read of a request context value (see
// model.ContextValues): the value stored under a key is kept in one place
// per key for the package, which every read of that key sees. A key the
// engine cannot name is stored in a place of its own that every read
// sees, and a read of such a key sees every key.
func (e *engine) contextValue(cv model.ContextValue, as []ssa.Value, at ssa.CallInstruction) Taint {
	if cv.Key >= len(as) {
		return nil
	}
	key := contextKey(as[cv.Key])
	if cv.Value > 0 && cv.Value < len(as) {
		root, t := e.contextRoot(key, at), e.read(as[cv.Value], at)
		e.storeAt(root, "", t)
		e.noteSharedStore(root, at, t)
	}
	if cv.Context >= 0 {
		if cv.Context < len(as) {
			return e.read(as[cv.Context], at)
		}
		return nil
	}
	if key != "" {
		e.contextRoot(key, at) // what imported packages stored under it
	}
	var t Taint
	for k, root := range e.contextRoots {
		if k == key || k == "" || key == "" {
			mergeInto(&t, e.heapUnder(root, ""), model.AnyUnsafe)
		}
	}
	return t
}

// contextRoot returns the root that holds the values stored under key:
// the first call that used the key.
func (e *engine) contextRoot(key string, at ssa.CallInstruction) ssa.Value {
	root := e.contextRoots[key]
	if root == nil {
		root = at.Common().Value // a call of a Go or defer statement is no value
		if call, ok := at.(*ssa.Call); ok {
			root = call
		}
		e.contextRoots[key] = root
		e.seedShared(root, "key:"+key, at.Pos())
	}
	return root
}

// contextKey names a context key so that the stores and reads of the same
// key meet: a constant by its type and value, a package variable by its
// name, a struct{} or other constant-free value by its type; "" when the
// key is computed.
func contextKey(v ssa.Value) string {
	for {
		switch x := v.(type) {
		case *ssa.MakeInterface:
			v = x.X
			continue
		case *ssa.ChangeType:
			v = x.X
			continue
		case *ssa.Const:
			if x.Value == nil {
				return "type:" + x.Type().String()
			}
			if x.Value.Kind() == constant.String {
				return "string:" + constant.StringVal(x.Value)
			}
			return x.Type().String() + ":" + x.Value.ExactString()
		case *ssa.UnOp:
			if g, ok := x.X.(*ssa.Global); ok && x.Op == token.MUL {
				return "var:" + g.RelString(nil)
			}
		case *ssa.Global:
			return "var:" + x.RelString(nil)
		}
		if st, ok := v.Type().Underlying().(*types.Struct); ok && st.NumFields() == 0 {
			return "type:" + v.Type().String()
		}
		return ""
	}
}
