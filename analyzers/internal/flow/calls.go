package flow

import (
	"go/types"
	"slices"

	"github.com/cachevet/cachevet/analyzers/internal/model"
	"golang.org/x/tools/go/ssa"
)

// callee is what a call site calls, as far as the engine can tell.
type callee struct {
	obj  *types.Func   // the function or interface method, if known
	fn   *ssa.Function // the static callee, if any
	name string        // obj.FullName()
}

func (e *engine) calleeOf(c *ssa.CallCommon) callee {
	if c.IsInvoke() {
		return callee{obj: c.Method, name: c.Method.FullName()}
	}
	fn := c.StaticCallee()
	if fn == nil {
		return callee{}
	}
	if fn.Origin() != nil {
		fn = fn.Origin()
	}
	obj, _ := fn.Object().(*types.Func)
	if obj == nil {
		return callee{fn: fn}
	}
	return callee{obj: obj, fn: fn, name: obj.FullName()}
}

// args returns the call's arguments with the receiver of an interface call
// first, so that indexes match the callee's parameters.
func args(c *ssa.CallCommon) []ssa.Value {
	if c.IsInvoke() {
		return append([]ssa.Value{c.Value}, c.Args...)
	}
	return c.Args
}

// summariesOf returns the summaries that apply to a call: the callee's, or
// for an interface call, those of the implementations cachevet knows.
func (e *engine) summariesOf(c *ssa.CallCommon, ce callee) (sums []*Summary, known bool) {
	if ce.fn != nil && e.local[ce.fn] {
		return []*Summary{e.summary(ce.fn)}, true
	}
	if ce.obj == nil {
		return nil, false
	}
	if kind, ok := e.directives[ce.obj]; ok {
		return []*Summary{{Sanitizer: kind == "sanitizer", Validator: kind == "validator"}}, true
	}
	if e.cfg.Sanitizers[ce.name] {
		return []*Summary{{Sanitizer: true}}, true
	}
	if e.cfg.Validators[ce.name] {
		return []*Summary{{Validator: true}}, true
	}
	if c != nil && c.IsInvoke() {
		for _, impl := range e.implementations(ce.obj) {
			sums = append(sums, e.summary(impl))
			known = true
		}
	}
	if e.cfg.Import != nil && ce.obj.Pkg() != e.pass.Pkg {
		if s, ok := e.cfg.Import(ce.obj); ok {
			if s != nil {
				sums = append(sums, s)
			}
			known = true
		}
	}
	return sums, known
}

// callTaint returns the taint of a call's result and applies its effects on
// memory.
func (e *engine) callTaint(call *ssa.Call) Taint {
	return e.callEffects(call.Common(), call)
}

func (e *engine) callEffects(c *ssa.CallCommon, at ssa.CallInstruction) Taint {
	as := args(c)
	if b, ok := c.Value.(*ssa.Builtin); ok {
		switch b.Name() {
		case "append", "min", "max":
			return e.union(at, as...)
		case "copy":
			e.store(as[0], e.read(as[1], at))
		}
		return nil
	}
	ce := e.calleeOf(c)
	if enc, ok := model.Encoders[ce.name]; ok && len(as) > 0 {
		return e.encode(enc, ce, as, at)
	}
	if e.cfg.Sources[ce.name] {
		o := e.origin(originKey{kind: FromSource, pos: at.Pos(), desc: "config:" + ce.name}, func(o *Origin) {
			o.Desc = "data from " + shortName(ce.obj) + " (configured source)"
		})
		return Taint{o: model.AnyUnsafe}
	}
	if model.Encryptors[ce.name] {
		return nil // ciphertext reveals nothing of the plaintext
	}
	if rule, ok := model.CallRules[ce.name]; ok {
		return e.applyRule(rule, ce, as, at)
	}
	sums, known := e.summariesOf(c, ce)
	if !known {
		return e.propagateAll(ce, as, at)
	}
	var t Taint
	for _, s := range sums {
		mergeInto(&t, e.applySummary(s, ce, as, at), model.AnyUnsafe)
	}
	return t
}

// propagateAll is the fallback for calls the engine knows nothing about:
// the result may hold anything the arguments held. Constant arguments are
// left out except for the functions that copy them into their result, so
// that strings.TrimPrefix(s, " ") does not put a space in s.
func (e *engine) propagateAll(ce callee, as []ssa.Value, at ssa.Instruction) Taint {
	constsFlow := model.ConstantsFlow[ce.name]
	var t Taint
	for _, a := range as {
		if _, isConst := a.(*ssa.Const); isConst && !constsFlow {
			continue
		}
		mergeInto(&t, e.read(a, at), model.AnyUnsafe)
	}
	return t
}

func (e *engine) applyRule(rule model.CallRule, ce callee, as []ssa.Value, at ssa.CallInstruction) Taint {
	var t Taint
	switch {
	case rule.Source != nil:
		o := e.origin(originKey{kind: FromSource, pos: at.Pos(), desc: rule.Source.Desc}, nil)
		t = Taint{o: rule.Source.Bytes}
	case rule.Transform == model.Digest:
		o := e.origin(originKey{kind: FromConstruction, pos: at.Pos(), desc: "digest:" + ce.name}, func(o *Origin) {
			o.Desc = "raw digest bytes (" + shortName(ce.obj) + ")"
			o.Hint = "encode the digest with hex.EncodeToString or fmt's %x"
		})
		t = Taint{o: model.AnyUnsafe}
	case rule.Transform == model.Special:
		return e.special(ce, as, at)
	default:
		from := as
		if rule.From != nil {
			from = nil
			for _, i := range rule.From {
				if i < len(as) {
					from = append(from, as[i])
				}
			}
		}
		t = transformed(e.propagateAll(ce, from, at), rule.Transform)
	}
	if rule.Into > 0 && rule.Into < len(as) {
		e.store(as[rule.Into], t)
		return nil
	}
	return t
}

// encode handles a call of a serializer: Marshal(v) returns the encoding,
// (*Encoder).Encode(v) writes it into the writer the encoder was made with.
func (e *engine) encode(enc model.Encoder, ce callee, as []ssa.Value, at ssa.CallInstruction) Taint {
	if ce.obj != nil && ce.obj.Signature().Recv() != nil {
		if len(as) < 2 {
			return nil
		}
		t := e.encoded(as[1], enc, at)
		if call, ok := e.resolve(as[0]).(*ssa.Call); ok && model.EncoderWriters[e.calleeOf(call.Common()).name] && len(call.Call.Args) == 1 {
			e.store(call.Call.Args[0], t)
		}
		return nil
	}
	return e.encoded(as[0], enc, at)
}

// applySummary computes what a call returns from the callee's summary.
func (e *engine) applySummary(s *Summary, ce callee, as []ssa.Value, at ssa.Instruction) Taint {
	var t Taint
	if s.Sanitizer {
		for _, a := range as {
			mergeInto(&t, e.read(a, at), 0)
		}
		return t
	}
	for _, r := range s.Returns {
		if r.Param < len(as) {
			mergeInto(&t, e.read(as[r.Param], at), r.Bytes)
		}
	}
	for _, r := range s.EncodedReturns {
		if enc, ok := encoderNamed(r.Encoder); ok && r.Param < len(as) {
			mergeInto(&t, e.encoded(as[r.Param], enc, at), 0)
		}
	}
	name := shortName(ce.obj)
	for _, ro := range s.Origins {
		via := appendVia(ro.Via, name)
		o := e.origin(originKey{kind: ro.Kind, pos: at.Pos(), desc: ro.Desc, via: joinVia(via)}, func(o *Origin) {
			o.Via = via
			o.Hint = ro.Hint
		})
		mergeInto(&t, Taint{o: ro.Bytes}, model.AnyUnsafe)
	}
	return t
}

func appendVia(via []string, name string) []string {
	if slices.Contains(via, name) || len(via) >= 8 {
		return via
	}
	return append(slices.Clip(via), name)
}

func joinVia(via []string) string {
	s := ""
	for _, v := range via {
		s += v + "\x00"
	}
	return s
}

// returns records what fn's results carry in its summary.
func (e *engine) returns(ret *ssa.Return) {
	fn := ret.Parent()
	if len(ret.Results) > 0 && isString(ret.Results[0].Type()) && fn.Parent() == nil {
		l := e.lengthAt(ret.Results[0], ret.Block())
		if e.summary(fn).mergeResultLen(e.summarizeLength(fn, l)) {
			e.changed = true
		}
	}
	for _, r := range ret.Results {
		t := e.guarded(e.read(r, ret), ret.Block())
		for _, o := range t.sorted() {
			bytes := t[o]
			switch o.Kind {
			case FromParam:
				if o.Fn != fn {
					continue
				}
				if o.Encoder != "" {
					if e.summary(fn).addEncodedReturn(o.Param, o.Encoder) {
						e.changed = true
					}
				} else if e.summary(fn).addReturn(o.Param, bytes) {
					e.changed = true
				}
			default:
				desc := o.Desc
				if e.summary(fn).addOrigin(ReturnedOrigin{Kind: o.Kind, Desc: desc, Hint: o.Hint, Bytes: bytes, Via: o.Via}) {
					e.changed = true
				}
			}
		}
	}
}

// shortName names a function the way a Go programmer would: pkg.F or
// (*pkg.T).M.
func shortName(fn *types.Func) string {
	if fn == nil {
		return "a function value"
	}
	qual := func(p *types.Package) string { return p.Name() }
	if recv := fn.Signature().Recv(); recv != nil {
		return "(" + types.TypeString(recv.Type(), qual) + ")." + fn.Name()
	}
	if fn.Pkg() == nil {
		return fn.Name()
	}
	return fn.Pkg().Name() + "." + fn.Name()
}

// encoderNamed finds an encoder by the name summaries record.
func encoderNamed(name string) (model.Encoder, bool) {
	if name == model.FmtEncoder.Name {
		return model.FmtEncoder, true
	}
	for _, enc := range model.Encoders {
		if enc.Name == name {
			return enc, true
		}
	}
	return model.Encoder{}, false
}
