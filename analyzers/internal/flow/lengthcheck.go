package flow

import (
	"github.com/cachevet/cachevet/analyzers/internal/model"
	"golang.org/x/tools/go/ssa"
)

// checkLength checks that key, scaled by num/den, fits in limit bytes:
// parameters of the enclosing functions get a budget in their summaries,
// everything else that may not fit is a hit.
func (e *engine) checkLength(call ssa.CallInstruction, key ssa.Value, info SinkInfo, limit, num, den int) {
	var l Length
	var stores []*ssa.Store
	switch info.Shape {
	case model.KeyList, model.KeyMap, model.ItemList:
		return // the elements' lengths are not tracked through the collection
	case model.ItemKey:
		if p, ok := key.(*ssa.Parameter); ok {
			// The wrapper's caller builds the item: pass the whole budget on.
			l = Length{Open: []OpenPart{{Kind: OpenParam, Fn: p.Parent(), Param: paramIndex(p), Num: 1, Den: 1}}}
			break
		}
		stores = e.itemKeyStores(call.Parent(), key, info.Client)
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
			Client:      clientName(info.Client),
			HandWritten: info.HandWritten,
			Via:         append([]string{e.wrapperName(p.Fn)}, info.Via...),
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
	for _, p := range own.Open {
		if p.Kind == OpenParam {
			e.recordSite(p.Fn, paramSite{param: p.Param, call: call, key: key, info: info, length: &lengthSite{own.Max, p.Num, p.Den, num, den, limit}})
		}
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
