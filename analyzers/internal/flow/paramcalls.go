package flow

import (
	"go/types"
	"slices"

	"golang.org/x/tools/go/ssa"
)

// Calls through a parameter. A function that calls a function it is
// given (withKey(id, op)) or a method of an interface it is given
// (s.Get(key) in a library handed a store) cannot be resolved in its own
// body: what runs is whatever each caller passes. Its summary records the
// call instead, once for both kinds, and each caller, in this package or
// another, applies it with what it passes:
//
//   - the arguments that carry the function's parameters (Args) are
//     substituted by the caller's arguments, and the call is checked as a
//     call of the function, or of the store's method, the caller passes
//     (paramCall), so that withKey(id, mc.Get) reports where id meets
//     mc.Get;
//   - what the arguments carry of their own (Passed: a key a library
//     builds from the request it serves) is reported at the caller that
//     hands in a store whose method sinks it (storecalls.go), which is
//     where the developer chose that store.
//
// A caller that passes on its own parameter passes the record on to its
// summary.

// ParamCall says that the function calls its parameter Param: a function,
// or, when Method is set, method Method of interface Iface ("path.Name").
type ParamCall struct {
	Param int
	// Path is the field of the parameter that holds the store (".store"
	// of a manager's receiver), "" for the parameter itself.
	Path          string
	Iface, Method string
	// Args are, for each argument of the call (after the receiver), the
	// parameter of the function it carries unescaped (-1: none).
	Args []int
	// Passed are what the arguments carry of their own, for a method
	// call; Call is where it is made, and Via the functions between the
	// caller of the summarized function and that call, outermost first.
	Passed []PassedArg
	Call   Position
	Via    []string
	// Builder names the function that passes what Passed holds.
	Builder string
}

// PassedArg is what argument Arg of a method call carries (the receiver
// being 0, as in the summaries of the methods).
type PassedArg struct {
	Arg int
	Passed
}

func (c ParamCall) clone() ParamCall {
	c.Args = slices.Clone(c.Args)
	c.Passed = slices.Clone(c.Passed)
	c.Via = slices.Clone(c.Via)
	return c
}

// same reports whether c and q record the same call: a function
// parameter's calls are one record per arity, a method's one per call
// site, so that each site is named on the way to its report.
func (c ParamCall) same(q ParamCall) bool {
	return q.Param == c.Param && q.Path == c.Path && q.Iface == c.Iface && q.Method == c.Method && len(q.Args) == len(c.Args) && q.Call == c.Call
}

// addCall merges c into s and reports whether s grew: an argument
// recorded as carrying no parameter may carry one in a later round, and
// an argument may carry more data.
func (s *Summary) addCall(c ParamCall) bool {
	i := slices.IndexFunc(s.Calls, c.same)
	if i < 0 {
		if len(s.Calls) >= maxParts {
			return false
		}
		s.Calls = append(s.Calls, c.clone())
		return true
	}
	q := &s.Calls[i]
	changed := false
	for j, p := range c.Args {
		if q.Args[j] < 0 && p >= 0 {
			q.Args[j] = p
			changed = true
		}
	}
	for _, pa := range c.Passed {
		k := slices.IndexFunc(q.Passed, func(qa PassedArg) bool { return qa.Arg == pa.Arg })
		if k < 0 {
			q.Passed, changed = append(q.Passed, pa), true
			continue
		}
		if q.Passed[k].merge(pa.Passed) {
			changed = true
		}
	}
	return changed
}

// merge adds what p carries to q and reports whether q grew.
func (q *Passed) merge(p Passed) bool {
	changed := false
	for _, o := range p.Origins {
		j := slices.IndexFunc(q.Origins, func(r PendingOrigin) bool { return r.Kind == o.Kind && r.Desc == o.Desc && r.At == o.At })
		switch {
		case j < 0:
			q.Origins, changed = append(q.Origins, o), true
		case q.Origins[j].Bytes|o.Bytes != q.Origins[j].Bytes:
			q.Origins[j].Bytes |= o.Bytes
			changed = true
		}
	}
	if p.MaxLen > q.MaxLen {
		q.MaxLen, changed = p.MaxLen, true
	}
	for _, op := range p.Open {
		if !slices.Contains(q.Open, op) {
			q.Open, changed = append(q.Open, op), true
		}
	}
	return changed
}

// maxCallDepth bounds the calls of function values one call stands for,
// through callbacks passing callbacks on (or themselves).
const maxCallDepth = 4

// applyParamCalls applies each call of a parameter that s, the summary of
// callee ce, records, as the call with the arguments as of its callee
// stands for it, by apply. The sinks it reaches are named through the
// functions the record passed (ce and those it passed its parameter to).
func (e *engine) applyParamCalls(s *Summary, ce callee, as []ssa.Value, at ssa.Instruction, apply func(*ssa.CallCommon)) {
	if len(s.Calls) == 0 || e.callDepth >= maxCallDepth {
		return
	}
	e.callDepth++
	outer := e.callVia
	for _, pc := range s.Calls {
		if pc.Path != "" && e.passStoreField(pc, as, at) {
			continue
		}
		e.callVia = outer
		switch {
		case len(pc.Via) > 0:
			for _, v := range pc.Via {
				e.callVia = appendVia(e.callVia, v)
			}
		case ce.obj != nil:
			e.callVia = appendVia(e.callVia, e.shortName(ce.obj))
		}
		for _, c := range e.paramCalls(pc, as) {
			apply(c)
		}
	}
	e.callVia = outer
	e.callDepth--
}

// viaCalls prefixes via, the wrappers between a call and its sink, with
// the functions whose calls of a parameter the call stands for.
func (e *engine) viaCalls(via []string) []string {
	if len(e.callVia) == 0 {
		return via
	}
	out := slices.Clone(e.callVia)
	for _, v := range via {
		out = appendVia(out, v)
	}
	return out
}

// paramCalls are the calls that pc, recorded in the summary of the callee
// of a call with arguments as, stands for in the caller: a call of the
// function the caller passes, or of the method of the store it passes,
// with the caller's arguments. A store whose type the caller knows is
// called statically, so that a dependency's type is judged by its
// method's summary; one the caller only knows as an interface stays an
// interface call, which the caller resolves (or records) in turn. A store
// in a field of the argument is each type the caller made the argument
// with (see implementationsIn).
func (e *engine) paramCalls(pc ParamCall, as []ssa.Value) []*ssa.CallCommon {
	if pc.Param >= len(as) {
		return nil
	}
	fn := as[pc.Param]
	var params *types.Tuple
	var m *types.Func
	if pc.Method != "" {
		if m = e.lookupMethod(pc.Iface, pc.Method); m == nil {
			return nil
		}
		params = m.Signature().Params()
	} else {
		sig, ok := fn.Type().Underlying().(*types.Signature)
		if !ok {
			return nil
		}
		params = sig.Params()
	}
	args := make([]ssa.Value, len(pc.Args))
	for j, p := range pc.Args {
		switch {
		case p >= 0 && p < len(as):
			args[j] = as[p]
		case j < params.Len():
			args[j] = ssa.NewConst(nil, params.At(j).Type())
		default:
			return nil
		}
	}
	switch {
	case m == nil:
		return []*ssa.CallCommon{{Value: fn, Args: args}}
	case pc.Path != "":
		iface, ok := m.Signature().Recv().Type().Underlying().(*types.Interface)
		if !ok {
			return nil
		}
		var ts []types.Type
		e.implementationsIn(fn, iface, 0, make(map[ssa.Value]bool), &ts)
		var out []*ssa.CallCommon
		for _, t := range ts {
			if impl := e.methodOf(t, m); impl != nil && !slices.ContainsFunc(out, func(c *ssa.CallCommon) bool { return c.Value == impl }) {
				out = append(out, &ssa.CallCommon{Value: impl, Args: append([]ssa.Value{ssa.NewConst(nil, t)}, args...)})
			}
		}
		return out
	}
	if impl := e.storeMethod(fn, m); impl != nil {
		return []*ssa.CallCommon{{Value: impl, Args: append([]ssa.Value{fn}, args...)}}
	}
	if !types.IsInterface(fn.Type()) {
		return nil
	}
	return []*ssa.CallCommon{{Value: fn, Method: m, Args: args}}
}

// passStoreField passes pc, a call on a store in a field of argument
// pc.Param, on to the summary of the caller when that argument is the
// caller's own parameter: the caller's callers made it. It reports whether
// it did.
func (e *engine) passStoreField(pc ParamCall, as []ssa.Value, at ssa.Instruction) bool {
	if pc.Param >= len(as) {
		return false
	}
	o, ok := e.heldParam(at, as[pc.Param])
	if !ok {
		return false
	}
	up := pc.clone()
	up.Param = o.Param
	for j, p := range pc.Args {
		up.Args[j] = -1
		if p >= 0 && p < len(as) {
			up.Args[j] = e.argParams(o.Fn, as[p:p+1], at)[0]
		}
	}
	up.Via = append([]string{e.wrapperName(o.Fn)}, e.callVia...)
	for _, v := range pc.Via {
		up.Via = appendVia(up.Via, v)
	}
	if e.summary(o.Fn).addCall(up) {
		e.changed = true
	}
	return true
}

// storeMethod returns the method implementing m of the concrete type the
// store v holds, if the caller knows it.
func (e *engine) storeMethod(v ssa.Value, m *types.Func) *ssa.Function {
	t := e.resolve(v).Type()
	if types.IsInterface(t) {
		return nil // not known here: a store read from a field or a registry
	}
	return e.methodOf(t, m)
}

// methodOf returns the method of type t that implements m.
func (e *engine) methodOf(t types.Type, m *types.Func) *ssa.Function {
	obj, _, _ := types.LookupFieldOrMethod(t, true, m.Pkg(), m.Name())
	impl, ok := obj.(*types.Func)
	if !ok {
		return nil
	}
	return e.pkg.Prog.FuncValue(impl)
}
