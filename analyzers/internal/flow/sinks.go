package flow

import (
	"go/types"
	"slices"
	"strings"

	"github.com/cachevet/cachevet/analyzers/internal/model"
	"golang.org/x/tools/go/ssa"
)

// SinkInfo describes the key sink a hit reaches.
type SinkInfo struct {
	// Name is "(*memcache.Client).Get" or `a hand-written memcached "get" command`.
	Name       string
	Shape      model.KeyShape
	Validating bool
	// HandWritten: the key is part of a command line the program writes.
	HandWritten bool
	// Via lists the wrappers between the reported call and the sink,
	// outermost first; empty when the call is the sink itself.
	Via []string
}

// checkSinks checks every key that the call puts into a memcache command.
func (e *engine) checkSinks(call ssa.CallInstruction) {
	c := call.Common()
	as := args(c)
	ce := e.calleeOf(c)
	ks, ok := e.keySinks[ce.name]
	if !ok {
		ks, ok = e.clientSink(c)
	}
	if ok {
		if ks.Arg < len(as) {
			info := SinkInfo{Name: ks.Short, Shape: ks.Shape, Validating: ks.Client.ValidatesKeys}
			e.checkKey(call, as[ks.Arg], e.keyTaint(as[ks.Arg], ks.Shape, call), info, model.AnyUnsafe)
			e.checkLength(call, as[ks.Arg], info, MaxKeyLength, 1, 1)
			if ks.Shape == model.ItemKey {
				e.checkItemValue(call, as[ks.Arg], info)
			}
		}
		return
	}
	if kind := ce.row().Write; kind != 0 {
		e.checkHandWritten(call, kind, as)
		return
	}
	if ce.obj != nil && slices.Contains(model.WriteMethods, ce.obj.Name()) && len(as) == 2 && e.isProtocolWriter(as[0]) {
		e.checkHandWritten(call, model.WriteData, as)
		return
	}
	if ce.row().Modelled() {
		return
	}
	sums, _ := e.summariesOf(c, ce)
	for _, s := range sums {
		for _, ps := range s.Sinks {
			if ps.Param >= len(as) {
				continue
			}
			info := SinkInfo{Name: ps.Sink, Shape: ps.Shape, Validating: ps.Validating, HandWritten: ps.HandWritten, Via: ps.Via}
			arg := as[ps.Param]
			var t Taint
			if ps.Path == "" {
				t = e.keyTaint(arg, ps.Shape, call)
			} else {
				t = e.readPath(arg, ps.Path, call)
			}
			e.checkKey(call, arg, t, info, ps.Bytes)
		}
		for _, vs := range s.ValueSinks {
			if vs.Param >= len(as) {
				continue
			}
			info := SinkInfo{Name: vs.Sink, Via: vs.Via}
			arg := as[vs.Param]
			switch {
			case vs.Item:
				e.checkItemValue(call, arg, info)
			case vs.Encoder != "" && vs.Path == "":
				if enc, ok := encoderNamed(vs.Encoder); ok {
					e.checkValue(call, arg, e.encoded(arg, enc, call), info)
				}
			default:
				// A part of an argument: the sensitive fields it holds
				// travel in its taint.
				e.checkValue(call, arg, e.readPath(arg, vs.Path, call), info)
			}
		}
		for _, pb := range s.LenSinks {
			if pb.Param >= len(as) {
				continue
			}
			info := SinkInfo{Name: pb.Sink, Shape: model.KeyString, Validating: pb.Validating, HandWritten: pb.HandWritten, Via: pb.Via}
			if pb.Path == "" {
				e.checkLength(call, as[pb.Param], info, pb.Budget, pb.Num, pb.Den)
			} else {
				e.checkLengthOf(call, as[pb.Param], e.partLength(as[pb.Param], pb.Path, call), pb.Num, pb.Den, nil, info, pb.Budget)
			}
		}
	}
}

// keyTaint reads the key out of a sink argument of the given shape.
func (e *engine) keyTaint(arg ssa.Value, shape model.KeyShape, at ssa.Instruction) Taint {
	if shape != model.ItemKey {
		return e.read(arg, at)
	}
	root, path := e.addr(arg)
	t := e.heapUnder(root, path+"."+model.ItemKeyField)
	mergeInto(&t, e.vals[root], model.AnyUnsafe)
	if root != arg {
		mergeInto(&t, e.vals[arg], model.AnyUnsafe)
	}
	return t
}

// checkKey records what reaches a key: concrete origins become hits, the
// parameters of the enclosing functions become sinks in their summaries.
func (e *engine) checkKey(call ssa.CallInstruction, key ssa.Value, t Taint, info SinkInfo, m model.ByteSet) {
	t = e.guarded(t, call.Block())
	for _, o := range t.sorted() {
		bytes := t[o]
		bytes &= m
		if bytes == 0 {
			continue
		}
		if o.Kind == FromParam {
			ps := ParamSink{
				Param:       o.Param,
				Path:        o.Path,
				Bytes:       bytes,
				Shape:       paramShape(o.Fn.Params[o.Param].Type(), info.Shape),
				Sink:        info.Name,
				Validating:  info.Validating,
				HandWritten: info.HandWritten,
				Via:         append([]string{wrapperName(o.Fn)}, info.Via...),
			}
			if e.summary(o.Fn).addSink(ps) {
				e.changed = true
			}
			continue
		}
		if !e.reporting {
			continue
		}
		k := hitKey{call, key}
		h := e.hitIndex[k]
		if h == nil {
			h = &Hit{Call: call, Sink: info, Key: key, Taint: Taint{}}
			if info.Shape == model.ItemKey {
				h.ItemKeyStores = e.itemKeyStores(call.Parent(), key)
			}
			e.hitIndex[k] = h
			e.hits = append(e.hits, h)
		}
		h.Taint[o] |= bytes
	}
}

// checkLength checks that key, scaled by num/den, fits in limit bytes:
// parameters of the enclosing functions get a budget in their summaries,
// everything else that may not fit is a hit.
func (e *engine) checkLength(call ssa.CallInstruction, key ssa.Value, info SinkInfo, limit, num, den int) {
	var l Length
	var stores []*ssa.Store
	switch info.Shape {
	case model.KeyList:
		return // the elements' lengths are not tracked through the slice
	case model.ItemKey:
		if p, ok := key.(*ssa.Parameter); ok {
			// The wrapper's caller builds the item: pass the whole budget on.
			l = Length{Open: []OpenPart{{Kind: OpenParam, Fn: p.Parent(), Param: paramIndex(p), Num: 1, Den: 1}}}
			break
		}
		stores = e.itemKeyStores(call.Parent(), key)
		var ls []Length
		for _, st := range stores {
			ls = append(ls, e.lengthAt(st.Val, st.Block()))
		}
		if len(ls) == 0 {
			ls = append(ls, e.opaqueLength(key))
		}
		l = maxLengths(ls...)
	default:
		l = e.lengthAt(key, call.Block())
	}
	e.checkLengthOf(call, key, l, num, den, stores, info, limit)
}

// checkLengthOf checks a key (or wrapper argument) of length own, which the
// sink scales by num/den, against limit: parameters of the enclosing
// functions get budgets, everything else that may not fit is a hit.
func (e *engine) checkLengthOf(call ssa.CallInstruction, key ssa.Value, own Length, num, den int, stores []*ssa.Store, info SinkInfo, limit int) {
	l := scaled(own, num, den, 0, "")
	// Budgets for the parameters, if the rest of the key fits.
	var concrete Length
	concrete.Max = l.Max
	for _, p := range l.Open {
		if p.Kind != OpenParam {
			concrete.Open = append(concrete.Open, p)
			continue
		}
		pb := ParamBudget{
			Param:       p.Param,
			Path:        p.Path,
			Budget:      limit - l.Max,
			Num:         p.Num,
			Den:         p.Den,
			Sink:        info.Name,
			Validating:  info.Validating,
			HandWritten: info.HandWritten,
			Via:         append([]string{wrapperName(p.Fn)}, info.Via...),
		}
		if info.Shape == model.ItemKey && p.Path == "" && p.Fn.Params[p.Param].Type() == key.Type() {
			continue // an Item parameter: its Key is checked where it is built
		}
		if e.summary(p.Fn).addBudget(pb) {
			e.changed = true
		}
	}
	if !e.reporting {
		return
	}
	k := hitKey{call, key}
	ownConcrete := Length{Max: own.Max}
	for _, p := range own.Open {
		if p.Kind != OpenParam {
			ownConcrete.Open = append(ownConcrete.Open, p)
		}
	}
	if _, seen := e.keyLengths[k]; !seen {
		e.keyLengths[k] = KeyLength{Length: ownConcrete, Limit: limit * den / num}
	}
	if concrete.Finite() && concrete.Max <= limit || e.lenHitIndex[k] != nil {
		return
	}
	h := &LenHit{Call: call, Sink: info, Key: key, Length: ownConcrete, Limit: limit * den / num, ItemKeyStores: stores}
	e.lenHitIndex[k] = h
	e.lenHits = append(e.lenHits, h)
}

// checkItemValue checks the Value of an Item passed to a storage sink.
func (e *engine) checkItemValue(call ssa.CallInstruction, item ssa.Value, info SinkInfo) {
	root, path := e.addr(item)
	t := e.partTaint(root, path+".Value", call)
	if p, ok := root.(*ssa.Parameter); ok && p == item {
		// A wrapper that stores the caller's Item: the caller's Value is checked.
		if idx := paramIndex(p); idx >= 0 {
			vs := ValueSink{Param: idx, Item: true, Sink: info.Name, Via: append([]string{wrapperName(p.Parent())}, info.Via...)}
			if e.summary(p.Parent()).addValueSink(vs) {
				e.changed = true
			}
		}
		return
	}
	e.checkValue(call, item, t, info)
}

// checkDataBlock checks the value parts of a hand-written storage command.
func (e *engine) checkDataBlock(call ssa.CallInstruction, parts []part, info SinkInfo) {
	for _, p := range parts {
		if p.isLit {
			if strings.Contains(p.lit, "\n") {
				return
			}
			continue
		}
		t := e.read(p.val, call)
		if p.verb != 0 {
			t = e.verbTaint(p.verb, p.sharp, p.val, call)
		}
		e.checkValue(call, p.val, t, info)
	}
}

// checkValue records what reaches a cached value: sensitive fields become
// hits, parameters become value sinks in their summaries.
func (e *engine) checkValue(call ssa.CallInstruction, value ssa.Value, t Taint, info SinkInfo) {
	for _, o := range t.sorted() {
		switch o.Kind {
		case FromParam:
			if o.Fn.Params[o.Param].Type() != nil && model.SourceTypes[o.Fn.Params[o.Param].Type().String()] {
				continue
			}
			vs := ValueSink{Param: o.Param, Path: o.Path, Encoder: o.Encoder, Sink: info.Name, Via: append([]string{wrapperName(o.Fn)}, info.Via...)}
			if e.summary(o.Fn).addValueSink(vs) {
				e.changed = true
			}
		case FromSensitive:
			if !e.reporting {
				continue
			}
			k := hitKey{call, value}
			h := e.valueHitIndex[k]
			if h == nil {
				h = &ValueHit{Call: call, Sink: info, Value: value, Fields: Taint{}}
				if info.Shape == model.ItemKey || isItemPointer(value.Type()) {
					h.ValueStores = e.fieldStores(call.Parent(), value, "Value")
				}
				e.valueHitIndex[k] = h
				e.valueHits = append(e.valueHits, h)
			}
			h.Fields[o] = 0
		}
	}
}

func isItemPointer(t types.Type) bool {
	if p, ok := t.Underlying().(*types.Pointer); ok {
		if n, ok := types.Unalias(p.Elem()).(*types.Named); ok && n.Obj().Name() == "Item" {
			return true
		}
	}
	return false
}

func paramIndex(p *ssa.Parameter) int {
	for i, q := range p.Parent().Params {
		if q == p {
			return i
		}
	}
	return -1
}

func wrapperName(fn *ssa.Function) string {
	for fn.Parent() != nil {
		fn = fn.Parent()
	}
	if obj, ok := fn.Object().(*types.Func); ok {
		return shortName(obj)
	}
	return fn.Name()
}

// paramShape is the shape of a wrapper parameter that reaches a sink: the
// Item itself, a list of keys, or (the usual case) a string the key is
// built from.
func paramShape(t types.Type, sinkShape model.KeyShape) model.KeyShape {
	if sinkShape == model.ItemKey {
		if p, ok := t.Underlying().(*types.Pointer); ok {
			if n, ok := types.Unalias(p.Elem()).(*types.Named); ok && n.Obj().Name() == "Item" {
				return model.ItemKey
			}
		}
	}
	if s, ok := t.Underlying().(*types.Slice); ok && isString(s.Elem()) {
		return model.KeyList
	}
	return model.KeyString
}

// itemKeyStores finds the stores to the Key field of the item.
func (e *engine) itemKeyStores(fn *ssa.Function, item ssa.Value) []*ssa.Store {
	return e.fieldStores(fn, item, model.ItemKeyField)
}

// fieldStores finds the stores to a field of the item in fn and its closures.
func (e *engine) fieldStores(fn *ssa.Function, item ssa.Value, field string) []*ssa.Store {
	root, path := e.addr(item)
	want := path + "." + field
	var out []*ssa.Store
	for _, f := range e.funcs {
		if f != fn && f.Parent() != fn {
			continue
		}
		for _, b := range f.Blocks {
			for _, instr := range b.Instrs {
				st, ok := instr.(*ssa.Store)
				if !ok {
					continue
				}
				if r, p := e.addr(st.Addr); r == root && p == want {
					out = append(out, st)
				}
			}
		}
	}
	return out
}

// isProtocolWriter reports whether w is a writer a memcached command line
// may travel through.
func (e *engine) isProtocolWriter(w ssa.Value) bool {
	switch x := w.(type) {
	case *ssa.MakeInterface:
		w = x.X
	case *ssa.ChangeInterface:
		w = x.X
	}
	s := types.TypeString(w.Type(), nil)
	return slices.Contains(model.ProtocolWriters, s)
}

// part is a piece of a hand-written command: literal text, or a value
// formatted with a verb (0 for plain concatenation).
type part struct {
	lit   string
	isLit bool
	val   ssa.Value
	verb  rune
	sharp bool
}

func (e *engine) checkHandWritten(call ssa.CallInstruction, kind model.HandWrittenWriteKind, as []ssa.Value) {
	if len(as) < 2 || !e.isProtocolWriter(as[0]) {
		return
	}
	var parts []part
	switch kind {
	case model.WriteFprintf:
		if len(as) != 3 {
			return
		}
		f, ok := constString(as[1])
		if !ok {
			return
		}
		parts, ok = formatParts(f, as[2])
		if !ok {
			return
		}
	case model.WriteFprint, model.WriteFprintln:
		ops, ok := variadic(as[1])
		if !ok {
			return
		}
		for _, op := range ops {
			if s, ok := constString(op); ok {
				parts = append(parts, part{lit: s, isLit: true})
			} else {
				parts = append(parts, part{val: op})
			}
		}
	case model.WriteData:
		parts = e.flatten(as[1], 0)
	}
	parts = e.expand(parts)
	if len(parts) == 0 || !parts[0].isLit {
		return
	}
	verb, ok := model.LeadingVerb(parts[0].lit, kind == model.WriteFprintln)
	if !ok {
		return
	}
	info := SinkInfo{Name: `a hand-written memcached "` + verb + `" command`, HandWritten: true}
	// A key is a token of the command line: the parts between spaces. Its
	// length is that of all its parts, literal text included.
	var token Length
	var tokenKey ssa.Value
	endToken := func() {
		if tokenKey != nil {
			e.checkLengthOf(call, tokenKey, token, 1, 1, nil, info, MaxKeyLength)
		}
		token, tokenKey = Length{}, nil
	}
	for i, p := range parts {
		if p.isLit {
			rest := p.lit
			if i == 0 {
				rest = strings.TrimPrefix(rest[len(verb):], " ")
			}
			line, _, newline := strings.Cut(rest, "\n")
			if j := strings.LastIndexByte(line, ' '); j >= 0 {
				token.Max += strings.IndexByte(line, ' ')
				endToken()
				line = line[j+1:]
			}
			token.Max += len(strings.TrimSuffix(line, "\r"))
			if newline {
				endToken()
				// The command line ends here; what follows is a data block.
				if model.StorageVerbs[verb] {
					e.checkDataBlock(call, parts[i+1:], info)
				}
				return
			}
			continue
		}
		t := e.read(p.val, call)
		l := e.lengthAt(p.val, call.Block())
		if p.verb != 0 {
			t = e.verbTaint(p.verb, p.sharp, p.val, call)
			l = e.verbLength(p.verb, p.val)
		}
		e.checkKey(call, p.val, t, info, model.AnyUnsafe)
		token = addLengths(token, l)
		if tokenKey == nil {
			tokenKey = p.val
		}
	}
	endToken()
}

// expand flattens the operands printed as they are (%s, %v, Fprint), so
// that a strings.Join(keys, " ") operand is seen as the multi-get it is.
func (e *engine) expand(parts []part) []part {
	var out []part
	for _, p := range parts {
		if !p.isLit && (p.verb == 0 || p.verb == 's' || p.verb == 'v') && !p.sharp {
			out = append(out, e.flatten(p.val, 1)...)
			continue
		}
		out = append(out, p)
	}
	return out
}

func formatParts(format string, packed ssa.Value) ([]part, bool) {
	pieces, ok := parseFormat(format)
	if !ok {
		return nil, false
	}
	ops, ok := variadic(packed)
	if !ok {
		return nil, false
	}
	var parts []part
	for _, p := range pieces {
		switch {
		case p.operand < 0:
			parts = append(parts, part{lit: p.lit, isLit: true})
		case p.operand < len(ops):
			parts = append(parts, part{val: ops[p.operand], verb: p.verb, sharp: p.sharp})
		}
	}
	return parts, true
}

// flatten splits the bytes of a command being written into literal text
// and values, through concatenation, conversions and fmt.Sprintf.
func (e *engine) flatten(v ssa.Value, depth int) []part {
	if depth > 16 {
		return []part{{val: v}}
	}
	if s, ok := constString(v); ok {
		return []part{{lit: s, isLit: true}}
	}
	switch x := v.(type) {
	case *ssa.BinOp:
		if x.Op.String() == "+" {
			return append(e.flatten(x.X, depth+1), e.flatten(x.Y, depth+1)...)
		}
	case *ssa.Convert:
		return e.flatten(x.X, depth+1)
	case *ssa.Call:
		switch e.calleeOf(x.Common()).row().Role {
		case model.Printf:
			if f, ok := constString(x.Call.Args[0]); ok {
				if parts, ok := formatParts(f, x.Call.Args[1]); ok {
					var out []part
					for _, p := range parts {
						if p.isLit || p.verb != 's' && p.verb != 'v' {
							out = append(out, p)
						} else {
							out = append(out, e.flatten(p.val, depth+1)...)
						}
					}
					return out
				}
			}
		case model.JoinStrings:
			// Keys joined by spaces: the multi-get the programmer meant.
			if sep, ok := constString(x.Call.Args[1]); ok && sep == " " {
				return []part{{val: x.Call.Args[0]}}
			}
		}
	}
	return []part{{val: v}}
}
