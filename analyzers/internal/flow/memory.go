package flow

import (
	"go/token"
	"go/types"
	"strings"

	"github.com/cachevet/cachevet/analyzers/internal/model"
	"golang.org/x/tools/go/ssa"
)

// The heap is modelled per allocation root and field path: a store to
// item.Key is recorded under (item's Alloc, ".Key"), an element of a slice
// under (its array, "[]"). A load sees every store whose path is a prefix of
// its own or extends it, so storing a whole struct taints its fields and
// reading a struct sees what was stored in its fields. Roots are SSA values:
// allocations, parameters, globals, call results; free variables of a
// closure resolve to what the enclosing function bound them to.

// addr returns the root and field path of an address-typed value.
func (e *engine) addr(v ssa.Value) (ssa.Value, string) {
	for range 32 {
		switch x := v.(type) {
		case *ssa.FieldAddr:
			root, path := e.addr(x.X)
			return root, path + "." + fieldName(x.X.Type(), x.Field)
		case *ssa.IndexAddr:
			root, path := e.addr(x.X)
			return root, path + "[]"
		case *ssa.Slice:
			v = x.X
			continue
		case *ssa.ChangeType:
			v = x.X
			continue
		case *ssa.MakeInterface:
			v = x.X
			continue
		case *ssa.FreeVar:
			if bs := e.bindings[x]; len(bs) == 1 {
				v = bs[0]
				continue
			}
		}
		return v, ""
	}
	return v, ""
}

func fieldName(ptr types.Type, i int) string {
	t := ptr.Underlying()
	if p, ok := t.(*types.Pointer); ok {
		t = p.Elem().Underlying()
	}
	if s, ok := t.(*types.Struct); ok && i < s.NumFields() {
		return s.Field(i).Name()
	}
	return "?"
}

// store records that t may be stored at the address a.
func (e *engine) store(a ssa.Value, t Taint) {
	root, path := e.addr(a)
	e.storeAt(root, path, t)
}

func (e *engine) storeAt(root ssa.Value, path string, t Taint) {
	if len(t) == 0 {
		return
	}
	paths := e.heap[root]
	if paths == nil {
		paths = make(map[string]Taint)
		e.heap[root] = paths
	}
	cur := paths[path]
	if mergeInto(&cur, t, model.AnyUnsafe) {
		paths[path] = cur
		e.changed = true
	}
}

// heapUnder returns what was stored at root's path, at its prefixes, or
// below it.
func (e *engine) heapUnder(root ssa.Value, path string) Taint {
	var out Taint
	for p, t := range e.heap[root] {
		if pathsOverlap(p, path) {
			mergeInto(&out, t, model.AnyUnsafe)
		}
	}
	return out
}

func pathsOverlap(a, b string) bool {
	if len(a) > len(b) {
		a, b = b, a
	}
	return strings.HasPrefix(b, a) && (len(a) == len(b) || b[len(a)] == '.' || b[len(a)] == '[')
}

// load returns the taint of *a.
func (e *engine) load(a ssa.Value, at ssa.Instruction) Taint {
	t := e.read(a, at)
	if fa, ok := a.(*ssa.FieldAddr); ok {
		key := fieldKey(fa)
		if src, ok := model.FieldSources[key]; ok {
			o := e.origin(originKey{kind: FromSource, pos: at.Pos(), desc: src.Desc}, nil)
			mergeInto(&t, Taint{o: src.Bytes}, model.AnyUnsafe)
		}
		if tr, ok := model.FieldTransforms[key]; ok {
			t = transformed(t, tr)
		}
		mergeInto(&t, e.fieldSensitive(fa.X.Type(), fa.Field, at), model.AnyUnsafe)
	}
	return t
}

// fieldKey names the field a FieldAddr selects as "pkgpath.Type.Field".
func fieldKey(fa *ssa.FieldAddr) string {
	ptr, ok := fa.X.Type().Underlying().(*types.Pointer)
	if !ok {
		return ""
	}
	named, ok := types.Unalias(ptr.Elem()).(*types.Named)
	if !ok || named.Obj().Pkg() == nil {
		return ""
	}
	return named.Obj().Pkg().Path() + "." + named.Obj().Name() + "." + fieldName(fa.X.Type(), fa.Field)
}

func (e *engine) globalSource(g *ssa.Global, at ssa.Instruction) Taint {
	if g.Pkg == nil {
		return nil
	}
	src, ok := model.GlobalSources[g.Pkg.Pkg.Path()+"."+g.Name()]
	if !ok {
		return nil
	}
	pos := g.Pos()
	if at != nil {
		pos = at.Pos()
	}
	o := e.origin(originKey{kind: FromSource, desc: src.Desc, pos: pos}, nil)
	return Taint{o: src.Bytes}
}

// fieldValue is the taint of a field of a struct value. If the struct was
// loaded from memory (a variable, a slice element being ranged over), only
// what was stored in that field counts: tc.key of a table-driven test does
// not see tc.name.
func (e *engine) fieldValue(f *ssa.Field, at ssa.Instruction) Taint {
	root, path, ok := e.valueAddr(f.X)
	if !ok {
		return e.read(f.X, at)
	}
	path += "." + fieldName(f.X.Type(), f.Field)
	t := e.heapUnder(root, path)
	mergeInto(&t, e.vals[root], model.AnyUnsafe)
	return t
}

// valueAddr returns where a struct value was loaded from, if it was.
func (e *engine) valueAddr(v ssa.Value) (ssa.Value, string, bool) {
	switch x := v.(type) {
	case *ssa.UnOp:
		if x.Op == token.MUL {
			root, path := e.addr(x.X)
			return root, path, true
		}
	case *ssa.Field:
		root, path, ok := e.valueAddr(x.X)
		return root, path + "." + fieldName(x.X.Type(), x.Field), ok
	}
	return nil, "", false
}

func isStruct(t types.Type) bool {
	_, ok := t.Underlying().(*types.Struct)
	return ok
}

// copyStruct copies what is stored under *src to *dst field by field, so
// that a struct copied by value (a composite literal into a slice, a range
// variable) keeps its fields apart.
func (e *engine) copyStruct(dst, src ssa.Value) {
	sr, sp := e.addr(src)
	var t Taint
	mergeInto(&t, e.vals[sr], model.AnyUnsafe)
	if g, ok := sr.(*ssa.Global); ok {
		mergeInto(&t, e.globalSource(g, nil), model.AnyUnsafe)
	}
	type entry struct {
		suffix string
		t      Taint
	}
	var fields []entry
	for p, pt := range e.heap[sr] {
		switch {
		case pathsOverlap(p, sp) && len(p) <= len(sp):
			mergeInto(&t, pt, model.AnyUnsafe) // stored whole, at or above src
		case pathsOverlap(p, sp):
			fields = append(fields, entry{p[len(sp):], pt})
		}
	}
	e.store(dst, t)
	dr, dp := e.addr(dst)
	for _, f := range fields {
		e.storeAt(dr, dp+f.suffix, f.t)
	}
}
