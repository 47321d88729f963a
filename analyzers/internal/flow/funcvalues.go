package flow

import (
	"go/token"
	"go/types"
	"slices"
	"strings"

	"github.com/cachevet/cachevet/analyzers/internal/model"
	"golang.org/x/tools/go/ssa"
)

// Calls through function values. A call whose callee is a value (a method
// value mc.Get, a method expression (*memcache.Client).Set, a closure, a
// function-typed field or variable, a function a call returned) applies
// what each function that may flow to the value does: each target becomes
// a static call with the same arguments (after the receiver a method
// value is bound to), so a target that is a sink reports the call, named
// after the target. The targets are found by following the value back
// through the package: phis, closures' bindings, the stores into the same
// field or variable anywhere in the package, the returns of the local
// function that made it. This is field-based and flow-insensitive, like
// go/callgraph/vta, but computed on demand for the few values called.
//
// A function parameter called in the body cannot be resolved there: it is
// whatever each caller passes. The summary records the call instead
// (ParamCall: "parameter i is called with parameters j..."), and the
// caller, in this package or another, applies it with the function it
// passes, so that withKey(id, mc.Get) reports where id meets mc.Get, and
// a callback that hashes the key keeps its caller quiet. What such a call
// returns is the origin of the parameter under the part calledPart: a
// summary then says that the callback's result reaches a key or the
// result, and the caller reads that part of its argument by calling it.

// calledPart is the part of a function-typed parameter that is its
// result when called.
const calledPart = "()"

// A funcTarget is a function a function value may be: fn, called with
// bound (the receiver of a method value) before the call's arguments. An
// interface method expression (Store.Get) has no fn but the method.
type funcTarget struct {
	fn     *ssa.Function
	method *types.Func
	bound  []ssa.Value
}

// funcValue is what a function value may be: known functions, and the
// parameters of the enclosing functions it may come from.
type funcValue struct {
	targets []funcTarget
	params  []*ssa.Parameter
	// called are the summaries of calling what a function of another
	// package returned (Summary.Called).
	called []*Summary
}

// funcIndex holds, for the package, what resolving function values needs:
// the closures made of each function, the function values stored at each
// location (a field, a global, a local variable), the returns of each
// function. It is built once, the first time a function value is called.
type funcIndex struct {
	closures map[*ssa.Function][]*ssa.MakeClosure
	stores   map[any][]ssa.Value
	returns  map[*ssa.Function][]*ssa.Return
	memo     map[ssa.Value]*funcValue
}

func (e *engine) funcValues() *funcIndex {
	if e.funcIdx != nil {
		return e.funcIdx
	}
	ix := &funcIndex{
		closures: make(map[*ssa.Function][]*ssa.MakeClosure),
		stores:   make(map[any][]ssa.Value),
		returns:  make(map[*ssa.Function][]*ssa.Return),
		memo:     make(map[ssa.Value]*funcValue),
	}
	for _, fn := range e.funcs {
		for _, b := range fn.Blocks {
			for _, instr := range b.Instrs {
				switch in := instr.(type) {
				case *ssa.MakeClosure:
					f := in.Fn.(*ssa.Function)
					ix.closures[f] = append(ix.closures[f], in)
				case *ssa.Store:
					if isFunc(in.Val.Type()) {
						if loc := funcLocation(in.Addr); loc != nil {
							ix.stores[loc] = append(ix.stores[loc], in.Val)
						}
						if ia, ok := in.Addr.(*ssa.IndexAddr); ok {
							for _, loc := range elemLocations(ia.X) {
								ix.stores[loc] = append(ix.stores[loc], in.Val)
							}
						}
					}
				case *ssa.MapUpdate:
					if isFunc(in.Value.Type()) {
						for _, loc := range elemLocations(in.Map) {
							ix.stores[loc] = append(ix.stores[loc], in.Value)
						}
					}
				case *ssa.Return:
					ix.returns[fn] = append(ix.returns[fn], in)
				}
			}
		}
	}
	e.funcIdx = ix
	return ix
}

func isFunc(t types.Type) bool {
	_, ok := t.Underlying().(*types.Signature)
	return ok
}

// funcLocation names the memory an address of a function value denotes:
// a field (the same for every struct of its type), a package variable, a
// local variable.
func funcLocation(addr ssa.Value) any {
	switch a := addr.(type) {
	case *ssa.FieldAddr:
		if f := structField(a.X.Type(), a.Field); f != nil {
			return f
		}
	case *ssa.Global, *ssa.Alloc:
		return a
	}
	return nil
}

// elemsOf is the location of the elements of a map or slice held at a
// location (a field, a package variable, a local variable), or made by an
// instruction: every function stored into one of them is a possible value
// of every element read, whatever the key or index.
type elemsOf struct{ of any }

// elemLocations names the elements of container c: where it was read
// from or made, and where it is stored, which is where its readers find it
// (a map literal stored into a package variable in init).
func elemLocations(c ssa.Value) []any {
	var out []any
	add := func(loc any) {
		if loc != nil && !slices.Contains(out, any(elemsOf{loc})) {
			out = append(out, elemsOf{loc})
		}
	}
	switch x := c.(type) {
	case *ssa.UnOp:
		if x.Op == token.MUL {
			add(funcLocation(x.X))
		}
		return out
	case *ssa.Field:
		add(structField(x.X.Type(), x.Field))
		return out
	case *ssa.Slice:
		return elemLocations(x.X)
	case *ssa.MakeMap, *ssa.MakeSlice, *ssa.Alloc:
		add(x)
	default:
		return out
	}
	stored := []ssa.Value{c}
	for _, ref := range *c.Referrers() {
		if sl, ok := ref.(*ssa.Slice); ok {
			stored = append(stored, sl) // a slice literal's array
		}
	}
	for _, v := range stored {
		for _, ref := range *v.Referrers() {
			if st, ok := ref.(*ssa.Store); ok && st.Val == v {
				add(funcLocation(st.Addr))
			}
		}
	}
	return out
}

// structField returns field i of the struct that t is or points to, as
// declared (the generic field for an instantiated type).
func structField(t types.Type, i int) *types.Var {
	u := t.Underlying()
	if p, ok := u.(*types.Pointer); ok {
		u = p.Elem().Underlying()
	}
	if s, ok := u.(*types.Struct); ok && i < s.NumFields() {
		return s.Field(i).Origin()
	}
	return nil
}

// funcValueOf returns what the function value v may be.
func (e *engine) funcValueOf(v ssa.Value) *funcValue {
	ix := e.funcValues()
	if fv, ok := ix.memo[v]; ok {
		return fv
	}
	fv := &funcValue{}
	ix.memo[v] = fv // a cycle through phis or stores adds nothing
	seen := make(map[ssa.Value]bool)
	var walk func(v ssa.Value)
	walk = func(v ssa.Value) {
		if seen[v] || len(seen) > 64 {
			return
		}
		seen[v] = true
		switch x := v.(type) {
		case *ssa.Function:
			fv.addTarget(e.methodTarget(x, nil))
		case *ssa.MakeClosure:
			fv.addTarget(e.methodTarget(x.Fn.(*ssa.Function), x.Bindings))
		case *ssa.Phi:
			for _, edge := range x.Edges {
				walk(edge)
			}
		case *ssa.ChangeType:
			walk(x.X)
		case *ssa.Parameter:
			fv.params = appendNew(fv.params, x)
		case *ssa.FreeVar:
			for _, mc := range ix.closures[x.Parent()] {
				if i := freeVarIndex(x); i >= 0 && i < len(mc.Bindings) {
					walk(mc.Bindings[i])
				}
			}
		case *ssa.UnOp:
			if x.Op != token.MUL {
				return
			}
			if free, ok := x.X.(*ssa.FreeVar); ok {
				// A captured variable: what the enclosing function
				// stores in it.
				for _, mc := range ix.closures[free.Parent()] {
					if i := freeVarIndex(free); i >= 0 && i < len(mc.Bindings) {
						for _, s := range ix.stores[mc.Bindings[i]] {
							walk(s)
						}
					}
				}
				return
			}
			if ia, ok := x.X.(*ssa.IndexAddr); ok { // an element of a slice or array
				for _, loc := range elemLocations(ia.X) {
					for _, s := range ix.stores[loc] {
						walk(s)
					}
				}
				return
			}
			for _, s := range ix.stores[funcLocation(x.X)] {
				walk(s)
			}
		case *ssa.Field:
			for _, s := range ix.stores[structField(x.X.Type(), x.Field)] {
				walk(s)
			}
		case *ssa.Lookup:
			for _, loc := range elemLocations(x.X) {
				for _, s := range ix.stores[loc] {
					walk(s)
				}
			}
		case *ssa.Extract:
			switch t := x.Tuple.(type) {
			case *ssa.Call:
				e.walkResults(t, x.Index, walk)
				if x.Index == 0 {
					fv.addCalled(e.importedCalled(t))
				}
			case *ssa.Lookup: // v, ok := m[k]
				if x.Index == 0 {
					walk(t)
				}
			}
		case *ssa.Call:
			e.walkResults(x, 0, walk)
			fv.addCalled(e.importedCalled(x))
		}
	}
	walk(v)
	return fv
}

// walkResults walks result i of what the local function that call calls
// returns.
func (e *engine) walkResults(call *ssa.Call, i int, walk func(ssa.Value)) {
	fn := call.Call.StaticCallee()
	if fn == nil {
		return
	}
	if fn.Origin() != nil {
		fn = fn.Origin()
	}
	for _, ret := range e.funcIdx.returns[fn] {
		if i < len(ret.Results) {
			walk(ret.Results[i])
		}
	}
}

// methodTarget is the target a function value fn is, with bound the
// values a closure of it binds: a method value or a method expression of
// a declared method is that method, a closure the function itself.
func (e *engine) methodTarget(fn *ssa.Function, bound []ssa.Value) funcTarget {
	obj := wrappedMethod(fn)
	if obj == nil {
		return funcTarget{fn: fn} // a closure's free variables are bound by MakeClosure
	}
	if types.IsInterface(obj.Signature().Recv().Type()) {
		return funcTarget{method: obj, bound: bound}
	}
	// An instantiated method is summarized as its generic origin.
	if m := e.pkg.Prog.FuncValue(obj.Origin()); m != nil {
		return funcTarget{fn: m, bound: bound}
	}
	return funcTarget{fn: fn, bound: bound}
}

// wrappedMethod returns the method that fn, a bound method wrapper
// (mc.Get) or a thunk ((*memcache.Client).Get), calls: a function whose
// object is a method but which has no receiver of its own. Declared
// methods and promoted-method wrappers have one, and their calls are
// static calls with the receiver first.
func wrappedMethod(fn *ssa.Function) *types.Func {
	obj, _ := fn.Object().(*types.Func)
	if obj == nil || obj.Signature().Recv() == nil || fn.Signature.Recv() != nil || fn.Synthetic == "" {
		return nil
	}
	return obj
}

func (fv *funcValue) addCalled(s *Summary) {
	if s != nil && !slices.Contains(fv.called, s) {
		fv.called = append(fv.called, s)
	}
}

// importedCalled is what calling the function value that call returns
// does, when call calls a function of another package whose summary says.
func (e *engine) importedCalled(call *ssa.Call) *Summary {
	ce := e.calleeOf(&call.Call)
	if ce.obj == nil || ce.obj.Pkg() == e.pass.Pkg || e.cfg.Import == nil {
		return nil
	}
	s, _ := e.cfg.Import(ce.obj)
	if s == nil {
		return nil
	}
	return s.Called
}

// summarizeCalled gives each function of the package that returns a
// function value (a closure, a method value) what calling that value
// does: the sinks its parameters reach, so that a caller in another
// package, which cannot see the closure, applies them to the arguments
// it calls the value with (get := lib.Getter(mc); get(key)).
func (e *engine) summarizeCalled() {
	for _, fn := range e.funcs {
		res := fn.Signature.Results()
		if fn.Parent() != nil || res.Len() == 0 || !isFunc(res.At(0).Type()) {
			continue
		}
		var called Summary
		for _, ret := range e.funcValues().returns[fn] {
			if len(ret.Results) == 0 {
				continue
			}
			for _, t := range e.funcValueOf(ret.Results[0]).targets {
				if t.fn == nil {
					continue
				}
				if s := e.sums[t.fn]; s != nil {
					mergeCalled(&called, s, len(t.bound))
				}
				if s, ok := e.clientSinkSummary(t.fn); ok {
					mergeCalled(&called, s, len(t.bound))
				}
			}
		}
		if !called.IsEmpty() {
			e.summary(fn).Called = &called
		}
	}
}

// clientSinkSummary describes a client method (mc.Delete returned as a
// method value) as a summary of its key and value sinks.
func (e *engine) clientSinkSummary(fn *ssa.Function) (*Summary, bool) {
	c := &ssa.CallCommon{Value: fn}
	ks, ok := e.keySinkOf(c, e.calleeOf(c))
	if !ok {
		return nil, false
	}
	s := &Summary{
		Sinks:    []ParamSink{{Param: ks.arg, Bytes: ks.harmful(), Shape: ks.shape, Sink: ks.name, Client: clientName(ks.client)}},
		LenSinks: []ParamBudget{{Param: ks.arg, Budget: MaxKeyLength, Num: 1, Den: 1, Sink: ks.name, Client: clientName(ks.client)}},
	}
	if ks.shape != model.KeyString {
		s.LenSinks = nil // lists and items are checked where they are built
	}
	if ks.value >= 0 {
		s.ValueSinks = []ValueSink{{Param: ks.value, Sink: ks.name, Client: clientName(ks.client)}}
	}
	return s, true
}

// mergeCalled adds the sinks of src, the summary of a function whose
// first bound parameters are bound (a method value's receiver), to dst,
// numbered as the arguments of a call of the value.
func mergeCalled(dst, src *Summary, bound int) {
	for _, p := range src.Sinks {
		if p.Param >= bound {
			p.Param -= bound
			dst.addSink(p)
		}
	}
	for _, b := range src.LenSinks {
		if b.Param >= bound {
			b.Param -= bound
			dst.addBudget(b)
		}
	}
	for _, v := range src.ValueSinks {
		if v.Param >= bound {
			v.Param -= bound
			dst.addValueSink(v)
		}
	}
}

func (fv *funcValue) addTarget(t funcTarget) {
	for _, u := range fv.targets {
		if u.fn == t.fn && u.method == t.method && sameValues(u.bound, t.bound) {
			return
		}
	}
	fv.targets = append(fv.targets, t)
}

func sameValues(a, b []ssa.Value) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

func appendNew[T comparable](list []T, x T) []T {
	for _, y := range list {
		if y == x {
			return list
		}
	}
	return append(list, x)
}

func freeVarIndex(fv *ssa.FreeVar) int {
	for i, x := range fv.Parent().FreeVars {
		if x == fv {
			return i
		}
	}
	return -1
}

// dynamic reports whether c calls a function value rather than a
// declared function: a closure or parameter, or a method value or
// expression, whose synthetic wrapper has no summary of its own.
func dynamic(c *ssa.CallCommon) bool {
	if c.IsInvoke() {
		return false
	}
	if _, ok := c.Value.(*ssa.Builtin); ok {
		return false
	}
	fn := c.StaticCallee()
	return fn == nil || wrappedMethod(fn) != nil
}

// targetCalls returns the static calls a dynamic call c stands for, one
// per target, with the target's bound receiver before c's arguments.
func (e *engine) targetCalls(c *ssa.CallCommon, fv *funcValue) []*ssa.CallCommon {
	var out []*ssa.CallCommon
	for _, t := range fv.targets {
		as := append(append([]ssa.Value(nil), t.bound...), c.Args...)
		if t.method != nil {
			if len(as) == 0 {
				continue
			}
			out = append(out, &ssa.CallCommon{Value: as[0], Method: t.method, Args: as[1:]})
			continue
		}
		out = append(out, &ssa.CallCommon{Value: t.fn, Args: as})
	}
	return out
}

// dynamicEffects is the taint of a dynamic call's result and its effects:
// those of its targets, and for a parameter it may be, the parameter's
// result part, with the call recorded in the parameter's function's
// summary. ok is false when nothing is known of the value.
func (e *engine) dynamicEffects(c *ssa.CallCommon, at ssa.CallInstruction) (t Taint, ok bool) {
	fv := e.funcValueOf(c.Value)
	if len(fv.targets) == 0 && len(fv.params) == 0 {
		return nil, false
	}
	for _, tc := range e.targetCalls(c, fv) {
		mergeInto(&t, e.callEffects(tc, at), model.AnyUnsafe)
	}
	for _, p := range fv.params {
		fn := p.Parent()
		i := paramIndex(p)
		if e.summary(fn).addCall(ParamCall{Param: i, Args: e.argParams(fn, c.Args, at)}) {
			e.changed = true
		}
		mergeInto(&t, Taint{e.paramOrigin(fn, i, calledPart, ""): model.AnyUnsafe}, model.AnyUnsafe)
		// What the arguments carry may come back (an identity callback):
		// as for a call the engine does not see into.
		mergeInto(&t, e.propagateAll(callee{}, c.Args, at), model.AnyUnsafe)
	}
	return t, true
}

// argParams describes the arguments of a call through a parameter of fn
// by the parameter of fn each carries unescaped (-1 for none), which is
// what a caller of fn passes the function it gives. An element of a
// parameter (for _, k := range keys { op(k) }) stands for the parameter:
// the caller passes the collection, whose taint is its elements'.
func (e *engine) argParams(fn *ssa.Function, as []ssa.Value, at ssa.Instruction) []int {
	out := make([]int, len(as))
	for j, a := range as {
		out[j] = -1
		for o, b := range e.read(a, at) {
			if o.Kind == FromParam && o.Fn == fn && strings.Trim(o.Path, "[]") == "" && o.Encoder == "" && b != 0 && (out[j] < 0 || o.Param < out[j]) {
				out[j] = o.Param
			}
		}
	}
	return out
}

// calledResult is the taint of what calling the function value v with
// no attacker data returns: what its targets return of their own, and
// the result part of a parameter it may be.
func (e *engine) calledResult(v ssa.Value, at ssa.Instruction) Taint {
	sig, ok := v.Type().Underlying().(*types.Signature)
	if !ok {
		return nil
	}
	args := make([]ssa.Value, sig.Params().Len())
	for i := range args {
		args[i] = ssa.NewConst(nil, sig.Params().At(i).Type())
	}
	call, _ := at.(ssa.CallInstruction)
	if call == nil {
		return nil
	}
	t, _ := e.dynamicEffects(&ssa.CallCommon{Value: v, Args: args}, call)
	return t
}
