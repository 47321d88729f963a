package flow

import (
	"golang.org/x/tools/go/ssa"
)

// maxIndexDepth bounds the phis and mins indexBound looks through.
const maxIndexDepth = 8

// indexBound bounds the value of an integer slice index where block b
// uses it: a constant, min() of a bounded argument, the length of a
// bounded string, a guard (`if n > 200 { n = 200 }`, `if i < 100`) on
// every path to b, or a phi of bounded values.
func (e *engine) indexBound(v ssa.Value, b *ssa.BasicBlock, depth int) (int, bool) {
	if n, ok := constUpperBound(v); ok {
		return n, true
	}
	if p := e.provenAt(v, b); p.bounded() {
		return p.maxLen, true
	}
	if depth >= maxIndexDepth {
		return 0, false
	}
	switch x := v.(type) {
	case *ssa.Phi:
		best := 0
		for i, edge := range x.Edges {
			n, ok := e.indexBoundOnEdge(edge, x.Block().Preds[i], x.Block(), depth+1)
			if !ok {
				return 0, false
			}
			best = max(best, n)
		}
		return best, true
	case *ssa.Call:
		builtin, ok := x.Call.Value.(*ssa.Builtin)
		if !ok {
			break
		}
		switch builtin.Name() {
		case "len":
			if l := e.lengthAt(x.Call.Args[0], b); l.Finite() {
				return l.Max, true
			}
		case "min":
			best, found := 0, false
			for _, a := range x.Call.Args {
				if n, ok := e.indexBound(a, b, depth+1); ok && (!found || n < best) {
					best, found = n, true
				}
			}
			return best, found
		}
	}
	return 0, false
}

// indexBoundOnEdge bounds v flowing along the edge pred -> succ into a
// phi: the edge may be the bounded edge of a guard on v.
func (e *engine) indexBoundOnEdge(v ssa.Value, pred, succ *ssa.BasicBlock, depth int) (int, bool) {
	if isLenCall(v) {
		// `n := len(s); if n > 200 { n = 200 }` guards s's length.
		if l := e.lengthOnEdge(v.(*ssa.Call).Call.Args[0], pred, succ); l.Finite() {
			return l.Max, true
		}
	}
	for _, g := range e.guardsOf(pred.Parent()) {
		if g.bounded() && e.sameVar(g.x, v) && g.block == pred && pred.Succs[g.valid] == succ {
			return g.maxLen, true
		}
	}
	return e.indexBound(v, pred, depth)
}
