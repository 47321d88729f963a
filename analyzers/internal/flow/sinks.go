package flow

import (
	"go/token"
	"go/types"
	"slices"

	"github.com/cachevet/cachevet/analyzers/internal/model"
	"golang.org/x/tools/go/ssa"
)

// SinkInfo describes the key sink a hit reaches.
type SinkInfo struct {
	// Name is "(*memcache.Client).Get" or `a hand-written memcached "get" command`.
	Name  string
	Shape model.KeyShape
	// Client is the client description of the sink; nil for a
	// hand-written command or a -sinks entry.
	Client *model.Client
	// HandWritten: the key is part of a command line the program writes.
	HandWritten bool
	// Via lists the wrappers between the reported call and the sink,
	// outermost first; empty when the call is the sink itself.
	Via []string
}

// ItemKeyField is the key field of the sink's Item.
func (s SinkInfo) ItemKeyField() string {
	k, _ := s.Client.ItemFields()
	return k
}

// ItemValueField is the value field of the sink's Item.
func (s SinkInfo) ItemValueField() string {
	_, v := s.Client.ItemFields()
	return v
}

// checkSinks checks every key that the call puts into a memcache command.
func (e *engine) checkSinks(call ssa.CallInstruction) { e.checkCallSinks(call, call.Common()) }

// checkCallSinks checks the keys of c, which call makes: call's own, or
// one that a call of a function value stands for (see funcvalues.go).
func (e *engine) checkCallSinks(call ssa.CallInstruction, c *ssa.CallCommon) {
	if dynamic(c) && e.callDepth < maxCallDepth {
		fv := e.funcValueOf(c.Value)
		e.callDepth++
		for _, tc := range e.targetCalls(c, fv) {
			e.checkCallSinks(call, tc)
		}
		e.callDepth--
		// A function another package returned: what calling it does.
		e.checkSummarySinks(call, callee{}, c.Args, fv.called)
		if len(fv.targets) > 0 || len(fv.params) > 0 || len(fv.called) > 0 {
			return
		}
	}
	as := args(c)
	ce := e.calleeOf(c)
	if ks, ok := e.keySinkOf(c, ce); ok {
		if ks.arg < len(as) {
			info := SinkInfo{Name: ks.name, Shape: ks.shape, Client: ks.client, Via: e.viaCalls(nil)}
			harmful := ks.harmful()
			key := as[ks.arg]
			e.checkKey(call, key, e.keyTaint(key, ks.shape, ks.client, call), info, harmful)
			e.checkLength(call, key, info, MaxKeyLength, 1, 1)
			if ks.shape.Items() {
				e.checkItemValue(call, key, info)
			}
			if ks.value >= 0 && ks.value < len(as) {
				e.checkValue(call, as[ks.value], e.read(as[ks.value], call), info)
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
	e.recordPending(call, c, as, sums)
	e.recordStoreCalls(call, c, as, sums)
	e.checkStoreCalls(call, ce, as, sums)
	e.checkSummarySinks(call, ce, as, sums)
}

// checkSummarySinks checks the arguments as of call against the sinks of
// the summaries that apply to it, of callee ce.
func (e *engine) checkSummarySinks(call ssa.CallInstruction, ce callee, as []ssa.Value, sums []*Summary) {
	for _, s := range sums {
		e.applyParamCalls(s, ce, as, call, func(pc *ssa.CallCommon) { e.checkCallSinks(call, pc) })
		for _, ps := range s.Sinks {
			if ps.Param >= len(as) {
				continue
			}
			info := SinkInfo{Name: ps.Sink, Shape: ps.Shape, Client: e.clientTab.client(ps.Client), HandWritten: ps.HandWritten, Via: e.viaCalls(ps.Via)}
			arg := as[ps.Param]
			var t Taint
			if ps.Path == "" {
				t = e.keyTaint(arg, ps.Shape, info.Client, call)
			} else {
				t = e.readPath(arg, ps.Path, call)
			}
			if ps.Decoded {
				t = e.transformed(t, model.Decode)
			}
			e.checkKey(call, arg, t, info, ps.Bytes)
		}
		for _, vs := range s.ValueSinks {
			if vs.Param >= len(as) {
				continue
			}
			info := SinkInfo{Name: vs.Sink, Client: e.clientTab.client(vs.Client), Via: e.viaCalls(vs.Via)}
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
			info := SinkInfo{Name: pb.Sink, Shape: model.KeyString, Client: e.clientTab.client(pb.Client), HandWritten: pb.HandWritten, Via: e.viaCalls(pb.Via)}
			if pb.Path == "" {
				e.checkLength(call, as[pb.Param], info, pb.Budget, pb.Num, pb.Den)
			} else {
				e.checkLengthOf(call, as[pb.Param], e.partLength(as[pb.Param], pb.Path, call), pb.Num, pb.Den, nil, info, pb.Budget)
			}
		}
	}
}

// keyTaint reads the keys out of a sink argument of the given shape: the
// argument, a map's keys, or the key field of an Item or of a list's
// Items.
func (e *engine) keyTaint(arg ssa.Value, shape model.KeyShape, c *model.Client, at ssa.Instruction) Taint {
	keyField, _ := c.ItemFields()
	switch shape {
	case model.KeyMap:
		return e.readPath(arg, mapKeys, at)
	case model.ItemList:
		return e.readPath(arg, "[]."+keyField, at)
	case model.ItemKey:
	default:
		return e.read(arg, at)
	}
	root, path := e.addr(arg)
	t := e.heapUnder(root, path+"."+keyField)
	mergeInto(&t, e.vals[root], model.AnyUnsafe)
	if root != arg {
		mergeInto(&t, e.vals[arg], model.AnyUnsafe)
	}
	return t
}

// checkKey records what reaches a key: concrete origins become hits, the
// parameters of the enclosing functions become sinks in their summaries.
func (e *engine) checkKey(call ssa.CallInstruction, key ssa.Value, t Taint, info SinkInfo, m model.ByteSet) {
	t = e.guarded(t, call.Block(), key, info.Client)
	for _, o := range t.sorted() {
		bytes := t[o]
		bytes &= m
		if bytes == 0 {
			continue
		}
		if o.Kind == FromShared {
			e.recordSharedRead(call, o, info, bytes)
			continue
		}
		if o.Kind == FromParam {
			ps := ParamSink{
				Param:       o.Param,
				Path:        o.Path,
				Bytes:       bytes,
				Decoded:     o.Decoded,
				Shape:       paramShape(o.Fn.Params[o.Param].Type(), info.Shape, info.Client),
				Sink:        info.Name,
				Client:      clientName(info.Client),
				HandWritten: info.HandWritten,
				Via:         append([]string{e.wrapperName(o.Fn)}, info.Via...),
			}
			if e.summary(o.Fn).addSink(ps) {
				e.changed = true
			}
			e.recordSite(o.Fn, paramSite{param: o.Param, call: call, key: key, info: info, bytes: bytes, decoded: o.Decoded})
			continue
		}
		if !e.reporting {
			continue
		}
		h := hitAt(e.hitIndex, &e.hits, hitKey{call, key}, func() *Hit {
			h := &Hit{Call: call, Sink: info, Key: key, Taint: Taint{}}
			if info.Shape == model.ItemKey {
				h.ItemKeyStores = e.itemKeyStores(call.Parent(), key, info.Client)
			}
			return h
		})
		h.Taint[o] |= bytes
	}
}

// clientName is the name facts record for a sink's client.
func clientName(c *model.Client) string {
	if c == nil {
		return ""
	}
	return c.Name
}

func paramIndex(p *ssa.Parameter) int {
	for i, q := range p.Parent().Params {
		if q == p {
			return i
		}
	}
	return -1
}

func (e *engine) wrapperName(fn *ssa.Function) string {
	for fn.Parent() != nil {
		fn = fn.Parent()
	}
	if obj, ok := fn.Object().(*types.Func); ok {
		return e.shortName(obj)
	}
	return fn.Name()
}

// paramShape is the shape of a wrapper parameter that reaches a sink: the
// Item itself or a list of them, a list of keys, a map of them, or (the
// usual case) a string the key is built from.
func paramShape(t types.Type, sinkShape model.KeyShape, c *model.Client) model.KeyShape {
	for _, s := range []model.KeyShape{model.ItemKey, model.ItemList} {
		if sinkShape == s && shapeFits(t, s, c) {
			return s
		}
	}
	if shapeFits(t, model.KeyList, c) {
		return model.KeyList
	}
	if sinkShape == model.KeyMap && shapeFits(t, model.KeyMap, c) {
		return model.KeyMap
	}
	return model.KeyString
}

// itemKeyStores finds the stores to the key field of the item.
func (e *engine) itemKeyStores(fn *ssa.Function, item ssa.Value, c *model.Client) []*ssa.Store {
	keyField, _ := c.ItemFields()
	if u, ok := item.(*ssa.UnOp); ok && u.Op == token.MUL {
		item = u.X // an Item passed by value: the literal it was loaded from
	}
	return e.fieldStores(fn, item, keyField)
}

// fieldStores finds the stores to a field of the item in fn and its closures.
// An item assigned whole (item := memcache.Item{Key: k, Value: v} when its
// address is taken: the literal is built in a temporary and copied) has
// the stores of the value copied in.
func (e *engine) fieldStores(fn *ssa.Function, item ssa.Value, field string) []*ssa.Store {
	return e.fieldStoresDepth(fn, item, field, 0)
}

func (e *engine) fieldStoresDepth(fn *ssa.Function, item ssa.Value, field string, depth int) []*ssa.Store {
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
				r, p := e.addr(st.Addr)
				if r != root {
					continue
				}
				if p == want {
					out = append(out, st)
				} else if u, ok := st.Val.(*ssa.UnOp); ok && p == path && u.Op == token.MUL && depth < 4 {
					out = append(out, e.fieldStoresDepth(fn, u.X, field, depth+1)...)
				}
			}
		}
	}
	return out
}
