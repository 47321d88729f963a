package flow

import (
	"go/types"
	"slices"

	"github.com/cachevet/cachevet/analyzers/internal/model"
	"github.com/cachevet/cachevet/analyzers/internal/ssautil"
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
		// A method of an instantiated generic interface is named by its
		// origin, as the model's rows are
		// ("(google.golang.org/grpc.BidiStreamingServer[Req, Res any]).Recv").
		return callee{obj: c.Method, name: e.fullName(c.Method.Origin())}
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
	return callee{obj: obj, fn: fn, name: e.fullName(obj)}
}

// fullName is fn.FullName(), by which the model's rows are looked up:
// every round of the fixed point looks up every call's callee, and the
// name is built anew on each call of FullName.
func (e *engine) fullName(fn *types.Func) string {
	name, ok := e.fullNames[fn]
	if !ok {
		name = fn.FullName()
		e.fullNames[fn] = name
	}
	return name
}

// row is what the model knows about the callee.
func (ce callee) row() model.Func { return model.Funcs[ce.name] }

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
	if dynamic(c) && e.callDepth < maxCallDepth {
		e.callDepth++
		t, ok := e.dynamicEffects(c, at)
		e.callDepth--
		if ok {
			return t
		}
	}
	ce := e.calleeOf(c)
	if cv, ok := model.ContextValues[ce.name]; ok {
		return e.contextValue(cv, as, at)
	}
	row := ce.row()
	if row.Encoder != nil && len(as) > 0 {
		return e.encode(*row.Encoder, ce, as, at)
	}
	if e.cfg.Sources[ce.name] {
		o := e.origin(originKey{kind: FromSource, pos: at.Pos(), desc: "config:" + ce.name}, func(o *Origin) {
			o.Desc = "data from " + e.shortName(ce.obj) + " (configured source)"
		})
		return Taint{o: model.AnyUnsafe}
	}
	if row.Encrypts {
		return nil // ciphertext reveals nothing of the plaintext
	}
	if row.Modelled() {
		return e.applyRule(row, ce, as, at)
	}
	sums, known := e.summariesOf(c, ce)
	if !known {
		return e.opaque(ce, as, at)
	}
	var result ssa.Value // where the parts of the result are stored
	if call, ok := at.(*ssa.Call); ok {
		result = call
	}
	var t Taint
	for _, s := range sums {
		mergeInto(&t, e.applySummary(s, ce, as, at, result), model.AnyUnsafe)
		e.applyParamCalls(s, ce, as, at, func(pc *ssa.CallCommon) { e.callEffects(pc, at) })
	}
	return t
}

// opaque is what a call into code the engine does not analyze returns:
// what its arguments carry (see propagateAll), with two exceptions.
func (e *engine) opaque(ce callee, as []ssa.Value, at ssa.Instruction) Taint {
	if clientMethod(ce) && len(as) > 0 {
		// An item a client returns holds the server's data and the key it
		// was asked for, not the servers it was made with.
		as = as[1:]
	}
	t := e.propagateAll(ce, as, at)
	if call, ok := at.(*ssa.Call); ok && readsRequest(ce, as, call) {
		o := e.origin(originKey{kind: FromSource, pos: at.Pos(), desc: "opaque:" + ce.name}, func(o *Origin) {
			o.Desc = "the result of " + e.shortName(ce.obj) + ", given the request (its package is not analyzed)"
		})
		mergeInto(&t, Taint{o: model.AnyUnsafe}, model.AnyUnsafe)
	}
	return t
}

// propagateAll is the fallback for calls the engine knows nothing about:
// the result may hold anything the arguments held. Constant arguments are
// left out except for the functions that copy them into their result, so
// that strings.TrimPrefix(s, " ") does not put a space in s. An opaque
// call that returns an object rather than text (a tracing span made from
// a name, a metric from its help text) keeps the attacker's data of its
// arguments but not their unsafe constants: those describe the object,
// they do not become its bytes.
func (e *engine) propagateAll(ce callee, as []ssa.Value, at ssa.Instruction) Taint {
	row := ce.row()
	constsFlow := row.CopiesConstants
	text := true
	if call, ok := at.(*ssa.Call); ok && row.Into == 0 && !row.IntoWriter {
		// Data that goes into an argument or a writer is text there,
		// whatever the call returns.
		text = textual(call.Type())
	}
	var t Taint
	for _, a := range as {
		if _, isConst := a.(*ssa.Const); isConst && !constsFlow {
			continue
		}
		for o, b := range e.read(a, at) {
			if o.Kind == FromConstruction && !text {
				continue
			}
			mergeInto(&t, Taint{o: b}, model.AnyUnsafe)
		}
	}
	return t
}

// readsRequest reports whether call, to a function of a dependency the
// engine does not analyze, is given an incoming request and returns text:
// realip.FromRequest(r), jwt.TokenFromHeader(r). Such a function reads the
// text from the request, which is why the relevance rule could leave its
// package out (it imports only net/http). The standard library is
// described by the model instead, and so are the frameworks' own request
// types: a method of one (gin's c.GetString("user"), what the
// application's middleware stored) is a source only if the model names it.
func readsRequest(ce callee, as []ssa.Value, call *ssa.Call) bool {
	if ce.obj == nil || ce.obj.Pkg() == nil || StandardPath(ce.obj.Pkg().Path()) || !textual(call.Type()) {
		return false
	}
	if ce.obj.Signature().Recv() != nil && len(as) > 0 {
		as = as[1:]
	}
	for _, a := range as {
		if model.RequestTypes[a.Type().String()] {
			return true
		}
	}
	return false
}

// clientMethod reports whether ce is a method of a modelled client.
func clientMethod(ce callee) bool {
	return ce.obj != nil && ce.obj.Pkg() != nil && ce.obj.Signature().Recv() != nil && isClient(ce.obj.Pkg().Path())
}

// textual reports whether a call result of type t is text a key can be
// made of: strings, bytes, collections of them, and tuples holding one.
func textual(t types.Type) bool {
	switch u := t.Underlying().(type) {
	case *types.Basic:
		return u.Info()&types.IsString != 0
	case *types.Slice:
		return ssautil.IsByte(u.Elem()) || textual(u.Elem())
	case *types.Array:
		return ssautil.IsByte(u.Elem()) || textual(u.Elem())
	case *types.Map:
		return textual(u.Key()) || textual(u.Elem())
	case *types.Tuple:
		for i := 0; i < u.Len(); i++ {
			if textual(u.At(i).Type()) {
				return true
			}
		}
	}
	return false
}

func (e *engine) applyRule(rule model.Func, ce callee, as []ssa.Value, at ssa.CallInstruction) Taint {
	var t Taint
	switch {
	case rule.Source != nil:
		o := e.origin(originKey{kind: FromSource, pos: at.Pos(), desc: rule.Source.Desc}, nil)
		t = Taint{o: rule.Source.Bytes}
	case rule.Transform == model.Digest:
		o := e.origin(originKey{kind: FromConstruction, pos: at.Pos(), desc: "digest:" + ce.name}, func(o *Origin) {
			o.Desc = "raw digest bytes (" + e.shortName(ce.obj) + ")"
			o.Hint = "encode the digest with hex.EncodeToString or fmt's %x"
			o.Made = RawDigest
		})
		t = Taint{o: model.AnyUnsafe}
	case rule.Transform == model.Special:
		t = e.special(ce, as, at)
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
		t = e.transformed(e.propagateAll(ce, from, at), rule.Transform)
	}
	if rule.MetadataKey > 0 && rule.MetadataKey < len(as) && !binaryMetadataKey(as[rule.MetadataKey]) {
		t = withBytes(t, func(b model.ByteSet) model.ByteSet { return b & model.HeaderBytes })
	}
	if rule.IntoWriter && len(as) > 0 {
		e.writeInto(as[0], t)
		return nil
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
		enc.FallbackTag = e.fallbackTag(as[0])
		e.writeInto(as[0], e.encoded(as[1], enc, at))
		return nil
	}
	return e.encoded(as[0], enc, at)
}

// applySummary computes what a call returns from the callee's summary.
// What the summary returns in a part of the result (a field of the struct
// a constructor returns) is stored under that part of result, the call.
func (e *engine) applySummary(s *Summary, ce callee, as []ssa.Value, at ssa.Instruction, result ssa.Value) Taint {
	var t Taint
	if s.Sanitizer {
		for _, a := range as {
			mergeInto(&t, e.read(a, at), 0)
		}
		return t
	}
	into := func(part string, src Taint, mask model.ByteSet) {
		if part == "" || result == nil {
			mergeInto(&t, src, mask)
			return
		}
		var masked Taint
		mergeInto(&masked, src, mask)
		e.storeAt(result, part, masked)
	}
	for _, r := range s.Returns {
		if r.Param < len(as) {
			src := e.readPath(as[r.Param], r.Path, at)
			if r.Decoded {
				src = e.transformed(src, model.Decode)
			}
			into(r.At, src, r.Bytes)
		}
	}
	for _, r := range s.EncodedReturns {
		if enc, ok := encoderNamed(r.Encoder); ok && r.Param < len(as) {
			mergeInto(&t, e.encoded(as[r.Param], enc, at), 0)
		}
	}
	e.applyWrites(s, ce, as, at)
	name := e.shortName(ce.obj)
	for _, ro := range s.Origins {
		via := appendVia(ro.Via, name)
		o := e.origin(originKey{kind: ro.Kind, pos: at.Pos(), desc: ro.Desc, via: joinVia(via)}, func(o *Origin) {
			o.Via = via
			o.Hint = ro.Hint
			o.Class, o.What = ro.Class, ro.What
		})
		into(ro.At, Taint{o: ro.Bytes}, model.AnyUnsafe)
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
	if len(ret.Results) > 0 && ssautil.IsString(ret.Results[0].Type()) && fn.Parent() == nil {
		l := e.lengthAt(ret.Results[0], ret.Block())
		if e.summary(fn).mergeResultLen(e.summarizeLength(fn, l)) {
			e.changed = true
		}
	}
	for i, r := range ret.Results {
		at := ""
		if len(ret.Results) > 1 {
			at = tuplePart(i)
		}
		for _, part := range e.resultParts(r, ret) {
			field := part.at != ""
			part.at = at + part.at
			t := e.guarded(part.t, ret.Block(), r, nil)
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
					} else if e.summary(fn).addReturn(ParamReturn{Param: o.Param, Path: o.Path, At: part.at, Bytes: bytes, Decoded: o.Decoded}) {
						e.changed = true
					}
				case FromShared:
					// What another package stored means nothing to the
					// callers of fn: the read is resolved from the sink.
					continue
				case FromConstruction:
					// A constant a constructor puts into the object it
					// returns (a help text, a name) is the object's
					// description; a key built from one of its fields
					// set from an argument is still followed.
					if field {
						continue
					}
					fallthrough
				default:
					if e.summary(fn).addOrigin(ReturnedOrigin{Kind: o.Kind, At: part.at, Desc: o.Desc, Hint: o.Hint, Bytes: bytes, Via: o.Via, Class: o.Class, What: o.What}) {
						e.changed = true
					}
				}
			}
		}
	}
}

// resultParts splits a returned value into its parts, so that a
// constructor returning &T{prefix: p, help: "Total requests."} is
// summarized field by field: returning a pointer to, or a struct loaded
// from, memory whose fields the engine tracks apart. Anything else is
// returned whole.
func (e *engine) resultParts(r ssa.Value, at ssa.Instruction) []valuePart {
	var root ssa.Value
	var path string
	switch {
	case isAddress(r.Type()):
		root, path = e.addr(r)
	case isStruct(r.Type()):
		var ok bool
		if root, path, ok = e.valueAddr(r); !ok {
			return []valuePart{{"", e.read(r, at)}}
		}
	default:
		return []valuePart{{"", e.read(r, at)}}
	}
	whole := e.rootTaint(root, path) // r's own taint is read from the same memory
	if g, ok := root.(*ssa.Global); ok {
		mergeInto(&whole, e.globalSource(g, at), model.AnyUnsafe)
	}
	stored, below := e.heapParts(root, path)
	mergeInto(&whole, stored, model.AnyUnsafe)
	parts := []valuePart{{"", whole}}
	for _, b := range below {
		parts = append(parts, valuePart{cutPath(b.at, maxPathDepth), b.t})
	}
	return parts
}

// shortName is shortName(fn), kept: the names of wrappers and callees go
// into the summaries and origins of every round of the fixed point.
func (e *engine) shortName(fn *types.Func) string {
	name, ok := e.shortNames[fn]
	if !ok {
		name = shortName(fn)
		e.shortNames[fn] = name
	}
	return name
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
	for _, f := range model.Funcs {
		if f.Encoder != nil && f.Encoder.Name == name {
			return *f.Encoder, true
		}
	}
	return model.Encoder{}, false
}
