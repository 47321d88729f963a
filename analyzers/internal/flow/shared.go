package flow

import (
	"go/types"

	"github.com/cachevet/cachevet/analyzers/internal/model"
	"golang.org/x/tools/go/ssa"
)

// Shared fields. Most memory is told apart by the value it belongs to: a
// field of one struct is not the same field of another. Two kinds of
// field are memory that functions share without a value that connects
// them, and are modelled as one place per field, whatever the struct:
//
//   - a channel-typed field: p.jobs <- key in one method and range p.jobs
//     in the worker goroutine another started are the same channel;
//   - a field of a request-scoped struct, one that embeds a framework's
//     request or controller type (model.RequestScopedTypes): middleware
//     or a Prepare method stores request data into it, and a handler the
//     framework calls by reflection reads it, with no call between them.
//
// A store into such a field reaches every read of the field in the
// package; a field only ever set from constants stays quiet.

// sharedRoot returns the root that stands for the field fa selects, if it
// is shared: the first FieldAddr of that field the engine asked about.
func (e *engine) sharedRoot(fa *ssa.FieldAddr) (ssa.Value, bool) {
	if root, ok := e.sharedMemo[fa]; ok {
		return root, root != nil
	}
	var root ssa.Value
	if f := structField(fa.X.Type(), fa.Field); f != nil && e.sharedField(fa.X.Type(), f) {
		if root = e.sharedFields[f]; root == nil {
			root = fa
			e.sharedFields[f] = fa
			if f.Pkg() == e.pass.Pkg || !isChan(f.Type()) {
				e.seedShared(fa, fieldPlace(fa.X.Type(), f), fa.Pos())
			}
		}
	}
	e.sharedMemo[fa] = root
	return root, root != nil
}

// sharedField reports whether field f of the struct ptr points to is
// shared memory.
func (e *engine) sharedField(ptr types.Type, f *types.Var) bool {
	if isChan(f.Type()) {
		return true
	}
	p, ok := ptr.Underlying().(*types.Pointer)
	if !ok {
		return false
	}
	st, ok := p.Elem().Underlying().(*types.Struct)
	if !ok {
		return false
	}
	for i := 0; i < st.NumFields(); i++ {
		if emb := st.Field(i); emb.Embedded() && model.RequestScopedTypes[types.TypeString(emb.Type(), nil)] {
			return emb != f
		}
	}
	return false
}

func isChan(t types.Type) bool {
	_, ok := t.Underlying().(*types.Chan)
	return ok
}
