package flow

import (
	"go/token"
	"go/types"
	"slices"
	"strconv"
	"strings"

	"github.com/cachevet/cachevet/analyzers/internal/model"
	"github.com/cachevet/cachevet/analyzers/internal/ssautil"
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
			if root, ok := e.sharedRoot(x); ok {
				return root, ""
			}
			root, path := e.addr(x.X)
			return root, path + "." + fieldName(x.X.Type(), x.Field)
		case *ssa.IndexAddr:
			root, path := e.addr(x.X)
			return root, path + "[]"
		case *ssa.Slice, *ssa.ChangeType, *ssa.MakeInterface:
			v = ssautil.FirstOperand(x)
			continue
		case *ssa.FreeVar:
			if bs := e.bindings[x]; len(bs) == 1 {
				v = bs[0]
				continue
			}
		case *ssa.Extract:
			// A result of a call returning several: the call is the
			// root that applySummary stores the results under.
			if _, ok := x.Tuple.(*ssa.Call); ok {
				return x.Tuple, tuplePart(x.Index)
			}
		case *ssa.UnOp:
			// A pointer to a struct loaded from memory (a field, an
			// element, a variable a closure captured): the struct it
			// points to is modelled as that part of the memory (see
			// storeValue), so c.inner.prefix is the part ".inner.prefix"
			// of c.
			if x.Op == token.MUL && structPointer(x.Type()) && plainLoad(x) {
				return e.addr(x.X)
			}
			// A channel loaded from memory: what is sent on it is kept
			// with the memory holding it, so that the loads of a captured
			// or shared channel in the sender and the receiver meet.
			if x.Op == token.MUL && isChan(x.Type()) && plainLoad(x) {
				return e.addr(x.X)
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

// maxPathDepth bounds the paths of parameter parts: a recursion walking a
// linked list (n.next.next...) would make new ones forever. A shorter
// path stands for everything under it.
const maxPathDepth = 4

// joinPath appends path b to a, cut to maxPathDepth segments.
func joinPath(a, b string) string { return cutPath(a+b, maxPathDepth) }

// rootTaint is what a read of part path of root sees of root itself: the
// taint of the whole value, except that a parameter, or a part of one,
// yields the origin of just the part read (to maxParamDepth fields). A
// call's result is not its arguments: the result of st.Series(ctx, req)
// has fields, but they are not fields of ctx, so its parts are all of it.
// Results are memoized for one round of the fixed point: values only
// grow, and the rounds go on until nothing does.
func (e *engine) rootTaint(root ssa.Value, path string) Taint {
	t := e.vals[root]
	if path == "" || len(t) == 0 {
		return t
	}
	key := rootPart{root, path}
	if out, ok := e.partMemo[key]; ok {
		return out
	}
	out := t
	if _, call := root.(*ssa.Call); !call && hasParamOrigin(t) {
		out = make(Taint, len(t))
		for o, b := range t {
			if o.Kind == FromParam && o.Encoder == "" && !o.Decoded && depth(o.Path) < maxParamDepth {
				o = e.paramOrigin(o.Fn, o.Param, cutPath(o.Path+path, maxParamDepth), "")
			}
			out[o] |= b
		}
	}
	e.partMemo[key] = out
	return out
}

type rootPart struct {
	root ssa.Value
	path string
}

// maxParamDepth bounds the parts of parameters origins tell apart: c.cfg
// and c.cfg.prefix, not deeper. Summaries name the parts, and every part
// read of a wide receiver would otherwise be one of its own.
const maxParamDepth = 2

// depth counts the fields of a path.
func depth(path string) int {
	n := 0
	for i := 0; i < len(path); i++ {
		if isSep(path[i]) {
			n++
		}
	}
	return n
}

// cutPath cuts path to its first n fields.
func cutPath(path string, n int) string {
	for i := 0; i < len(path); i++ {
		if isSep(path[i]) {
			if n--; n < 0 {
				return path[:i]
			}
		}
	}
	return path
}

// readPath returns the taint of part path (".prefix", "[]") of the value
// v, an argument whose callee's summary says that only that part goes
// somewhere. Without a path, or when v's parts cannot be told apart (a
// struct returned by an opaque call), it is all of v.
func (e *engine) readPath(v ssa.Value, path string, at ssa.Instruction) Taint {
	if path == "" {
		return e.read(v, at)
	}
	if strings.HasPrefix(path, calledPart) {
		return e.calledResult(v, at)
	}
	var root ssa.Value
	var p string
	if isAddress(v.Type()) {
		root, p = e.addr(v)
	} else {
		var ok bool
		if root, p, ok = e.valueAddr(v); !ok {
			return e.read(v, at)
		}
	}
	return e.partTaint(root, joinPath(p, path), at)
}

// partTaint is what a read of part path of root sees: what was stored
// there, above it or below it, root's own taint (see rootTaint), and the
// source a global root is.
func (e *engine) partTaint(root ssa.Value, path string, at ssa.Instruction) Taint {
	t := e.heapUnder(root, path)
	mergeInto(&t, e.rootTaint(root, path), model.AnyUnsafe)
	if g, ok := root.(*ssa.Global); ok {
		mergeInto(&t, e.globalSource(g, at), model.AnyUnsafe)
	}
	return t
}

// heapParts splits what the heap holds for root around path: what was
// stored at path or above it (whole), and, in the order of their paths,
// the parts stored below it, under the rest of their path.
func (e *engine) heapParts(root ssa.Value, path string) (whole Taint, below []valuePart) {
	var keys []string
	for p := range e.heap[root] {
		if pathsOverlap(p, path) {
			keys = append(keys, p)
		}
	}
	slices.Sort(keys)
	for _, p := range keys {
		if len(p) <= len(path) {
			mergeInto(&whole, e.heap[root][p], model.AnyUnsafe)
		} else {
			below = append(below, valuePart{p[len(path):], e.heap[root][p]})
		}
	}
	return whole, below
}

// A valuePart is what a part of a value holds.
type valuePart struct {
	at string // "" for the whole value, ".help" for a field, "#1" for a result of several
	t  Taint
}

// maxHeapPaths bounds the parts of one root the heap tells apart.
const maxHeapPaths = 64

// maxSplitFields bounds the structs whose parameter origins copyParts
// splits into one per field; a larger one is copied whole.
const maxSplitFields = 32

// splittable reports whether a struct of taint t is worth copying field
// by field: t is a parameter or a few parts of parameters, which rootTaint
// splits into parts. Anything else is the same for every field.
func splittable(t Taint) bool {
	if len(t) > 4 {
		return false
	}
	for o := range t {
		if o.Kind != FromParam || o.Encoder != "" {
			return false
		}
	}
	return true
}

// hasParamOrigin reports whether t holds a parameter or a part of one.
func hasParamOrigin(t Taint) bool {
	for o := range t {
		if o.Kind == FromParam && o.Encoder == "" {
			return true
		}
	}
	return false
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
	path = cutPath(path, maxPathDepth) // nested copies must not make paths without end
	paths := e.heap[root]
	if paths == nil {
		paths = make(map[string]Taint)
		e.heap[root] = paths
	}
	if _, ok := paths[path]; !ok && len(paths) >= maxHeapPaths {
		// A root with this many parts keeps only its fields apart from
		// now on, and past twice as many, nothing.
		path = firstField(path)
		if _, ok := paths[path]; !ok && len(paths) >= 2*maxHeapPaths {
			path = ""
		}
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
	return strings.HasPrefix(b, a) && (len(a) == len(b) || isSep(b[len(a)]))
}

// isSep reports whether c starts a segment of a path: a field ".f", an
// element "[]", a map's keys "[k]" or a result of several "#1".
func isSep(c byte) bool { return c == '.' || c == '[' || c == '#' }

// tuplePart is the path of result i of a call returning several: a
// function returning (ok bool, reason string) does not put its reason
// into a caller's first result.
func tuplePart(i int) string { return "#" + strconv.Itoa(i) }

// load returns the taint of *a.
func (e *engine) load(a ssa.Value, at ssa.Instruction) Taint {
	t := e.read(a, at)
	if fa, ok := a.(*ssa.FieldAddr); ok {
		key := fieldKey(fa)
		mergeInto(&t, e.fieldSource(key, at), model.AnyUnsafe)
		if tr, ok := model.FieldTransforms[key]; ok {
			t = e.transformed(t, tr)
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
	return namedFieldKey(ptr.Elem(), fa.Field)
}

// namedFieldKey names field i of the named struct type t as
// "pkgpath.Type.Field", "" if t is not named.
func namedFieldKey(t types.Type, i int) string {
	named, ok := types.Unalias(t).(*types.Named)
	if !ok || named.Obj().Pkg() == nil {
		return ""
	}
	return named.Obj().Pkg().Path() + "." + named.Obj().Name() + "." + fieldName(t, i)
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
	var t Taint
	if root, path, ok := e.valueAddr(f.X); ok {
		t = e.partTaint(root, path+"."+fieldName(f.X.Type(), f.Field), at)
	} else {
		t = e.read(f.X, at)
	}
	// A source field read from a struct value (a range variable over
	// httprouter.Params, connect's req.Peer().Query).
	mergeInto(&t, e.fieldSource(namedFieldKey(f.X.Type(), f.Field), at), model.AnyUnsafe)
	return t
}

// fieldSource is the taint a read of the field named key yields if the
// model makes it a source.
func (e *engine) fieldSource(key string, at ssa.Instruction) Taint {
	src, ok := model.FieldSources[key]
	if !ok {
		return nil
	}
	o := e.origin(originKey{kind: FromSource, pos: at.Pos(), desc: src.Desc}, nil)
	return Taint{o: src.Bytes}
}

// valueAddr returns where a struct value lives, if the engine tracks its
// fields apart: a load from memory, a field of such a value, a struct
// parameter (whose fields are parameter parts) or a value of a map.
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
	case *ssa.Parameter:
		return x, "", true
	case *ssa.Lookup:
		if isMap(x.X.Type()) && !x.CommaOk {
			root, path := e.addr(x.X)
			return root, path + mapValues, true
		}
	case *ssa.Extract:
		if m, part, ok := mapRangePart(x); ok {
			root, path := e.addr(m)
			return root, path + part, true
		}
		if _, ok := x.Tuple.(*ssa.Call); ok {
			return x.Tuple, tuplePart(x.Index), true
		}
	}
	return nil, "", false
}

// A map's keys and values are kept apart, under these paths of the map's
// root: a table of test cases keyed by their names does not put the names
// into the cases.
const (
	mapKeys   = "[k]"
	mapValues = "[]"
)

func isMap(t types.Type) bool {
	_, ok := t.Underlying().(*types.Map)
	return ok
}

// mapRangePart returns the map and the path of the part that an Extract
// of a map range's Next yields: index 1 the key, index 2 the value.
func mapRangePart(x *ssa.Extract) (ssa.Value, string, bool) {
	next, ok := x.Tuple.(*ssa.Next)
	if !ok || next.IsString {
		return nil, "", false
	}
	rng, ok := next.Iter.(*ssa.Range)
	if !ok {
		return nil, "", false
	}
	switch x.Index {
	case 1:
		return rng.X, mapKeys, true
	case 2:
		return rng.X, mapValues, true
	}
	return nil, "", false
}

// plainLoad reports whether the load x reads from memory the model gives
// no meaning of its own: r.URL is a source, and what is read through it
// must keep that origin.
func plainLoad(x *ssa.UnOp) bool {
	if a, ok := x.X.(*ssa.FieldAddr); ok {
		key := fieldKey(a)
		_, source := model.FieldSources[key]
		_, transform := model.FieldTransforms[key]
		return !source && !transform
	}
	return true
}

// structPointer reports whether t is a pointer to a struct.
func structPointer(t types.Type) bool {
	p, ok := t.Underlying().(*types.Pointer)
	return ok && isStruct(p.Elem())
}

func isStruct(t types.Type) bool {
	_, ok := t.Underlying().(*types.Struct)
	return ok
}

// copyParts copies the struct value at part sp of root sr to part dp of
// root dr field by field, so that a struct copied by value (a composite
// literal into a slice or a map, a range variable, a parameter) keeps its
// fields apart.
func (e *engine) copyParts(dr ssa.Value, dp string, sr ssa.Value, sp string, typ types.Type) {
	var whole Taint
	if g, ok := sr.(*ssa.Global); ok {
		mergeInto(&whole, e.globalSource(g, nil), model.AnyUnsafe)
	}
	if len(e.vals[sr]) > 0 {
		if st, ok := typ.Underlying().(*types.Struct); ok && splittable(e.vals[sr]) && st.NumFields() <= maxSplitFields {
			for i := 0; i < st.NumFields(); i++ {
				f := "." + st.Field(i).Name()
				e.storeAt(dr, dp+f, e.rootTaint(sr, sp+f))
			}
		} else {
			mergeInto(&whole, e.rootTaint(sr, sp), model.AnyUnsafe)
		}
	}
	stored, fields := e.heapParts(sr, sp)
	mergeInto(&whole, stored, model.AnyUnsafe)
	e.storeAt(dr, dp, whole)
	for _, f := range fields {
		e.storeAt(dr, dp+f.at, f.t)
	}
}
