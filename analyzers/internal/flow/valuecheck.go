package flow

import (
	"github.com/cachevet/cachevet/analyzers/internal/model"
	"golang.org/x/tools/go/ssa"
)

// checkItemValue checks the Value of an Item passed to a storage sink.
func (e *engine) checkItemValue(call ssa.CallInstruction, item ssa.Value, info SinkInfo) {
	root, path := e.addr(item)
	valueField := info.ItemValueField()
	t := e.partTaint(root, path+"."+valueField, call)
	if p, ok := root.(*ssa.Parameter); ok && p == item {
		// A wrapper that stores the caller's Item: the caller's Value is checked.
		if idx := paramIndex(p); idx >= 0 {
			vs := ValueSink{Param: idx, Item: true, Sink: info.Name, Client: clientName(info.Client), Via: append([]string{e.wrapperName(p.Parent())}, info.Via...)}
			if e.summary(p.Parent()).addValueSink(vs) {
				e.changed = true
			}
		}
		return
	}
	if info.Client != nil && info.Client.Item != nil && info.Client.Item.Encoder != "" {
		// The library encodes the field's Go value: what the encoding
		// holds is what each store put there.
		if enc, ok := encoderNamed(info.Client.Item.Encoder); ok {
			for _, st := range e.fieldStores(call.Parent(), item, valueField) {
				mergeInto(&t, e.encoded(st.Val, enc, call), model.AnyUnsafe)
			}
		}
	}
	e.checkValue(call, item, t, info)
}

// checkValue records what reaches a cached value: sensitive fields become
// hits, parameters become value sinks in their summaries.
func (e *engine) checkValue(call ssa.CallInstruction, value ssa.Value, t Taint, info SinkInfo) {
	for _, o := range t.sorted() {
		switch o.Kind {
		case FromParam:
			if t := o.Fn.Params[o.Param].Type(); t != nil && e.sourceType(t) {
				continue
			}
			vs := ValueSink{Param: o.Param, Path: o.Path, Encoder: o.Encoder, Sink: info.Name, Client: clientName(info.Client), Via: append([]string{e.wrapperName(o.Fn)}, info.Via...)}
			if e.summary(o.Fn).addValueSink(vs) {
				e.changed = true
			}
			e.recordSite(o.Fn, paramSite{param: o.Param, call: call, key: value, info: info, value: true})
		case FromSensitive:
			if !e.reporting {
				continue
			}
			h := hitAt(e.valueHitIndex, &e.valueHits, hitKey{call, value}, func() *ValueHit {
				h := &ValueHit{Call: call, Sink: info, Value: value, Fields: Taint{}}
				if info.Shape == model.ItemKey || isItem(value.Type(), info.Client) {
					h.ValueStores = e.fieldStores(call.Parent(), value, info.ItemValueField())
				}
				return h
			})
			h.Fields[o] = 0
		}
	}
}
