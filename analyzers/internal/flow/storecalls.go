package flow

import (
	"go/types"
	"slices"
	"strings"

	"github.com/cachevet/cachevet/analyzers/internal/model"
	"golang.org/x/tools/go/ssa"
)

// Keys built inside a library for a store the caller hands it.
//
// A page-cache middleware takes a store interface, builds a key from the
// request it serves and calls the store's Get with it. Whether that key
// reaches memcached depends on the store the application passes, so the
// library's summary records the call on its interface parameter (a
// ParamCall, see paramcalls.go) with what the key carries, and the
// application's call is reported when the store it passes is a type whose
// method sinks that argument: that call is where the developer chooses
// the store, and where they can see which library function builds the
// key. An in-memory store, or a library that hashes and hex-encodes its
// keys, stays quiet.

// Passed is what an argument carries across packages: its concrete
// origins and its length.
type Passed struct {
	Origins []PendingOrigin
	MaxLen  int
	Open    []PendingOpen
}

// passed describes what arg carries at call, if it carries any concrete
// origin.
func (e *engine) passed(arg ssa.Value, call ssa.CallInstruction) (Passed, bool) {
	t := e.guarded(e.read(arg, call), call.Block(), arg, nil)
	var p Passed
	for _, o := range t.sorted() {
		if o.Kind == FromParam || o.Kind == FromShared || t[o] == 0 && o.Kind == FromConstruction {
			continue
		}
		p.Origins = append(p.Origins, e.pendingOrigin(o, t[o]))
	}
	if len(p.Origins) == 0 {
		return p, false
	}
	l := e.lengthAt(arg, call.Block())
	p.MaxLen = l.Max
	for _, op := range l.Open {
		if op.Kind != OpenParam {
			p.Open = append(p.Open, PendingOpen{Kind: op.Kind, Desc: op.Desc, At: e.position(op.Pos)})
		}
	}
	return p, true
}

// enclosingParams returns the origins of v at at that are parameters of
// the enclosing function (or of the function a closure is made in), in a
// stable order. A parameter of another function, stored in a variable
// this one reads, is not one: the value is then whatever was last set.
func (e *engine) enclosingParams(at ssa.Instruction, v ssa.Value) []*Origin {
	fn := outermost(at.Parent())
	var out []*Origin
	for _, o := range e.read(v, at).sorted() {
		if o.Kind == FromParam && o.Fn == fn {
			out = append(out, o)
		}
	}
	return out
}

// isStoreParam reports whether o is an interface parameter as a whole.
func isStoreParam(o *Origin) bool {
	return o.Path == "" && types.IsInterface(o.Fn.Params[o.Param].Type())
}

// storeParam returns the origin of recv when it is an interface parameter
// of the enclosing function.
func (e *engine) storeParam(at ssa.Instruction, recv ssa.Value) (*Origin, bool) {
	for _, o := range e.enclosingParams(at, recv) {
		if isStoreParam(o) {
			return o, true
		}
	}
	return nil, false
}

// storeOrigin returns the origin of recv, an interface, when it is an
// interface parameter of the enclosing function (see storeParam) or an
// interface field of one: the store a manager keeps (c.store.Get(key) in
// a method of the value cache.New(store) returned).
func (e *engine) storeOrigin(at ssa.Instruction, recv ssa.Value) (*Origin, bool) {
	if !types.IsInterface(recv.Type()) {
		return nil, false
	}
	var field *Origin
	for _, o := range e.enclosingParams(at, recv) {
		if isStoreParam(o) {
			return o, true
		}
		if field == nil && o.Encoder == "" && isFieldPath(o.Path) {
			field = o
		}
	}
	return field, field != nil
}

// isFieldPath reports whether path names one field (".store").
func isFieldPath(path string) bool {
	return len(path) > 1 && path[0] == '.' && !strings.ContainsAny(path[1:], ".[(")
}

// heldParam returns the origin of v when it is a parameter of the
// enclosing function itself, as a whole.
func (e *engine) heldParam(at ssa.Instruction, v ssa.Value) (*Origin, bool) {
	for _, o := range e.enclosingParams(at, v) {
		if o.Path == "" && o.Encoder == "" {
			return o, true
		}
	}
	return nil, false
}

func outermost(fn *ssa.Function) *ssa.Function {
	for fn.Parent() != nil {
		fn = fn.Parent()
	}
	return fn
}

// recordStoreCalls adds to the summary of the enclosing function the
// interface call c on one of its parameters: the arguments that carry its
// parameters, and what the others carry of their own. An argument that an
// implementation the package sees already sinks is reported through that
// implementation's summary instead.
func (e *engine) recordStoreCalls(call ssa.CallInstruction, c *ssa.CallCommon, as []ssa.Value, sums []*Summary) {
	if !c.IsInvoke() {
		return
	}
	// A store in a field of a parameter: what the call passes of its own
	// is a pending flow (see recordPending), what it passes of the
	// parameters is recorded here.
	o, ok := e.storeOrigin(call, c.Value)
	if !ok {
		return
	}
	n := namedOf(c.Method.Signature().Recv().Type())
	if n == nil || n.Obj().Pkg() == nil {
		return
	}
	pc := ParamCall{
		Param:  o.Param,
		Path:   o.Path,
		Iface:  n.Obj().Pkg().Path() + "." + n.Obj().Name(),
		Method: c.Method.Name(),
		Args:   e.argParams(o.Fn, c.Args, call),
	}
	carries := false
	for j := 1; j < len(as); j++ {
		if sunk(sums, j) {
			pc.Args[j-1] = -1
			continue
		}
		if pc.Args[j-1] >= 0 {
			carries = true
		}
		if o.Path != "" {
			continue
		}
		if p, ok := e.passed(as[j], call); ok {
			pc.Passed = append(pc.Passed, PassedArg{Arg: j, Passed: p})
			carries = true
		}
	}
	if !carries {
		return
	}
	pc.Call = e.position(call.Pos())
	// The call itself, or a call of a function that makes it.
	pc.Builder = e.wrapperName(o.Fn)
	pc.Via = append([]string{pc.Builder}, e.callVia...)
	if e.summary(o.Fn).addCall(pc) {
		e.changed = true
	}
}

// checkStoreCalls checks, at a call of a function whose summary says it
// calls a method of a store it is given with data of its own, the store
// the call passes: a concrete type whose method sinks the data is a hit at
// this call; a store that is itself the caller's interface parameter
// passes the data on to the caller's summary. (The arguments that carry
// the callee's parameters are applied as a call, see paramCall.)
func (e *engine) checkStoreCalls(call ssa.CallInstruction, ce callee, as []ssa.Value, sums []*Summary) {
	for _, s := range sums {
		for _, pc := range s.Calls {
			if pc.Method == "" || len(pc.Passed) == 0 || pc.Param >= len(as) {
				continue
			}
			store := as[pc.Param]
			if o, ok := e.storeParam(call, store); ok {
				up := pc.clone()
				up.Param = o.Param
				for j := range up.Args {
					up.Args[j] = -1
				}
				up.Via = appendVia([]string{e.wrapperName(o.Fn)}, e.shortName(ce.obj))
				up.Via = append(up.Via, pc.Via[min(1, len(pc.Via)):]...)
				if e.summary(o.Fn).addCall(up) {
					e.changed = true
				}
				continue
			}
			if e.reporting {
				e.reportStoreCall(call, store, pc)
			}
		}
	}
}

// reportStoreCall reports what pc passes at call if the store it passes
// sinks it.
func (e *engine) reportStoreCall(call ssa.CallInstruction, store ssa.Value, pc ParamCall) {
	m := e.lookupMethod(pc.Iface, pc.Method)
	if m == nil {
		return
	}
	fn := e.storeMethod(store, m)
	if fn == nil {
		return
	}
	impl, _ := fn.Object().(*types.Func)
	var sum *Summary
	switch {
	case e.local[fn]:
		sum = e.summary(fn)
	case impl != nil && e.cfg.Import != nil:
		sum, _ = e.cfg.Import(impl)
	}
	if sum == nil {
		return
	}
	lib := pc.Builder
	method := pc.Iface[lastDot(pc.Iface)+1:] + "." + pc.Method
	step := Step{Pos: e.posOf(pc.Call), Message: lib + " builds the argument here and passes it to " + method + ", which " + e.wrapperName(fn) + " implements"}
	for _, pa := range pc.Passed {
		e.reportRemote(call, nil, store, pa.Passed, pa.Arg, sum, append(slices.Clip(pc.Via), e.wrapperName(fn)), " in the key that "+lib+" builds", step)
	}
}

// passedBytes are the unsafe bytes an argument holding arg brings to a
// key that a parameter reaches with through: those of arg that survive,
// or all of through if the function decodes the parameter on the way.
func passedBytes(arg, through model.ByteSet, decoded bool) model.ByteSet {
	if decoded {
		return through
	}
	return arg & through
}

// reportRemote reports what p describes, passed as argument arg to a
// function of summary sum somewhere else, at call (or, where main wires
// the implementation in without a call, at the store wiring), where key
// (the store, the implementation wired in) is what the developer chose: via names the
// functions between call and sum's sinks, and how is added to the
// origins' descriptions to say where the data went.
func (e *engine) reportRemote(call ssa.CallInstruction, wiring *ssa.Store, key ssa.Value, p Passed, arg int, sum *Summary, via []string, how string, step Step) {
	origin := func(po PendingOrigin) *Origin {
		return e.origin(originKey{kind: po.Kind, pos: e.posOf(po.At), desc: po.describe() + how}, func(o *Origin) {
			o.Hint, o.Made = po.Hint, po.Made
		})
	}
	for _, ps := range sum.Sinks {
		if ps.Param != arg {
			continue
		}
		info := SinkInfo{Name: ps.Sink, Shape: ps.Shape, Client: e.clientTab.client(ps.Client), HandWritten: ps.HandWritten, Via: append(slices.Clip(via), ps.Via[min(1, len(ps.Via)):]...)}
		for _, po := range p.Origins {
			bytes := passedBytes(po.Bytes, ps.Bytes, ps.Decoded)
			if po.Kind == FromSensitive || bytes == 0 {
				continue
			}
			h := hitAt(e.hitIndex, &e.hits, hitKey{call, key}, func() *Hit {
				return &Hit{Call: call, Sink: info, Key: key, Taint: Taint{}, Remote: true, Wiring: wiring}
			})
			h.Taint[origin(po)] |= bytes
			h.Steps = addStep(h.Steps, step)
		}
	}
	for _, pb := range sum.LenSinks {
		if pb.Param != arg || pb.Num <= 0 {
			continue
		}
		l := Length{Max: p.MaxLen}
		for _, op := range p.Open {
			l.Open = append(l.Open, OpenPart{Kind: op.Kind, Desc: op.Desc + how, Pos: e.posOf(op.At), Num: 1, Den: 1})
		}
		if sl := scaled(l, pb.Num, pb.Den, 0, ""); sl.Finite() && sl.Max <= pb.Budget {
			continue
		}
		k := hitKey{call, key}
		if e.lenHitIndex[k] != nil {
			continue
		}
		info := SinkInfo{Name: pb.Sink, Shape: model.KeyString, Client: e.clientTab.client(pb.Client), HandWritten: pb.HandWritten, Via: append(slices.Clip(via), pb.Via[min(1, len(pb.Via)):]...)}
		h := &LenHit{Call: call, Sink: info, Key: key, Length: l, Limit: pb.Budget * pb.Den / pb.Num, Steps: []Step{step}, Remote: true, Wiring: wiring}
		e.lenHitIndex[k] = h
		e.lenHits = append(e.lenHits, h)
	}
}
