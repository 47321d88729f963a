package flow

import (
	"go/token"
	"go/types"

	"github.com/cachevet/cachevet/analyzers/internal/ssautil"
	"golang.org/x/tools/go/ssa"
)

// loopLength bounds a phi that a loop grows: a key built by `k += ":" + v`
// or `b = append(b, part...)` on every trip. It is as long as what enters
// the loop plus, for every trip, what one trip adds; the trips are bounded
// when the loop counts up to a constant or the length of an array, and
// otherwise as long as what drives the loop: the attacker's, a
// parameter's (whose caller's argument decides), or unknown. ok is false
// if no edge of the phi grows it.
func (e *engine) loopLength(phi *ssa.Phi) (Length, bool) {
	var entry, growth []Length
	b := phi.Block()
	for i, edge := range phi.Edges {
		pred := b.Preds[i]
		if incs, ok := grownFrom(edge, phi, 0); ok {
			var l Length
			for _, inc := range incs {
				l = addLengths(l, e.lengthAt(inc, pred))
			}
			growth = append(growth, l)
			continue
		}
		entry = append(entry, e.lengthOnEdge(edge, pred, b))
	}
	if len(growth) == 0 || len(entry) == 0 {
		return Length{}, false
	}
	perTrip := maxLengths(growth...)
	if perTrip.Finite() && perTrip.Max == 0 {
		return maxLengths(entry...), true
	}
	if trips, ok := e.tripBound(b); ok {
		return addLengths(maxLengths(entry...), scaled(perTrip, trips, 1, 0, "")), true
	}
	return addLengths(maxLengths(entry...), perTrip, e.loopDriverLength(b)), true
}

// grownFrom reports whether v is phi with something added to it, and
// returns what: phi + x + y, x + phi, append(phi, x...).
func grownFrom(v, phi ssa.Value, depth int) ([]ssa.Value, bool) {
	if v == phi {
		return nil, true
	}
	if depth > 16 {
		return nil, false
	}
	if x, ok := ssautil.CopiedFrom(v); ok {
		return grownFrom(x, phi, depth+1)
	}
	switch x := v.(type) {
	case *ssa.BinOp:
		if x.Op != token.ADD {
			break
		}
		if incs, ok := grownFrom(x.X, phi, depth+1); ok {
			return append(incs, x.Y), true
		}
		if incs, ok := grownFrom(x.Y, phi, depth+1); ok {
			return append(incs, x.X), true
		}
	case *ssa.Call:
		if b, ok := x.Call.Value.(*ssa.Builtin); ok && b.Name() == "append" && len(x.Call.Args) == 2 && ssautil.IsBytes(x.Type()) {
			if incs, ok := grownFrom(x.Call.Args[0], phi, depth+1); ok {
				return append(incs, x.Call.Args[1]), true
			}
		}
	}
	return nil, false
}

// appendLength bounds append(b, x...) on bytes: both lengths add up.
func (e *engine) appendLength(call *ssa.Call) (Length, bool) {
	if !ssautil.IsBytes(call.Type()) || len(call.Call.Args) != 2 {
		return Length{}, false
	}
	b := call.Block()
	return addLengths(e.lengthAt(call.Call.Args[0], b), e.lengthAt(call.Call.Args[1], b)), true
}

// loopCondition returns the comparison that decides whether the loop
// whose header is b runs another trip.
func loopCondition(b *ssa.BasicBlock) (ssa.Value, bool) {
	if len(b.Instrs) == 0 {
		return nil, false
	}
	ifInstr, ok := b.Instrs[len(b.Instrs)-1].(*ssa.If)
	if !ok {
		return nil, false
	}
	return ifInstr.Cond, true
}

// tripBound bounds the trips of the loop whose header is b when it counts
// an index up from a constant to a constant or the length of an array
// (`for i := 0; i < 3; i++`, `for _, p := range [...]string{...}`).
func (e *engine) tripBound(b *ssa.BasicBlock) (int, bool) {
	cond, ok := loopCondition(b)
	if !ok {
		return 0, false
	}
	c, ok := cond.(*ssa.BinOp)
	if !ok || c.Op != token.LSS && c.Op != token.LEQ {
		return 0, false
	}
	start, ok := inductionStart(c.X, b)
	if !ok {
		return 0, false
	}
	end, ok := fixedCount(c.Y)
	if !ok {
		return 0, false
	}
	if c.Op == token.LEQ {
		end++
	}
	return max(end-start, 0), true
}

// inductionStart returns the first value an index counting up by one in
// the loop header b takes, for i (a phi of b) or i+1.
func inductionStart(v ssa.Value, b *ssa.BasicBlock) (int, bool) {
	step := 0
	if add, ok := v.(*ssa.BinOp); ok && add.Op == token.ADD && ssautil.IsConstInt(add.Y, 1) {
		v, step = add.X, 1
	}
	phi, ok := v.(*ssa.Phi)
	if !ok || phi.Block() != b {
		return 0, false
	}
	start, found := 0, false
	for _, edge := range phi.Edges {
		if c, ok := edge.(*ssa.Const); ok {
			n, ok := ssautil.ConstInt(c)
			if !ok || found {
				return 0, false
			}
			start, found = int(n), true
			continue
		}
		add, ok := edge.(*ssa.BinOp)
		if !ok || add.Op != token.ADD || !ssautil.IsConstInt(add.Y, 1) || add.X != phi && add.X != v {
			return 0, false
		}
	}
	return start + step, found
}

// fixedCount is the value of a constant count, or the length of an array
// or of a slice of one.
func fixedCount(v ssa.Value) (int, bool) {
	if c, ok := v.(*ssa.Const); ok {
		n, ok := ssautil.ConstInt(c)
		return int(n), ok && n >= 0
	}
	call, ok := v.(*ssa.Call)
	if !ok || !isLenCall(call) {
		return 0, false
	}
	x := call.Call.Args[0]
	if s, ok := x.(*ssa.Slice); ok && s.Low == nil && s.High == nil {
		x = s.X
	}
	t := x.Type().Underlying()
	if p, ok := t.(*types.Pointer); ok {
		t = p.Elem().Underlying()
	}
	if a, ok := t.(*types.Array); ok {
		return int(a.Len()), true
	}
	if s, ok := ssautil.ConstString(x); ok {
		return len(s), true
	}
	return 0, false
}

// loopDriverLength is the open part a loop with no bound on its trips
// adds: whatever decides the trips (the operands of the header's
// condition, the collection a length or a range reads) names it.
func (e *engine) loopDriverLength(b *ssa.BasicBlock) Length {
	const grown = "a value grown in a loop"
	cond, ok := loopCondition(b)
	if !ok {
		return Length{Open: []OpenPart{{Kind: OpenUnknown, Desc: grown, Num: 1, Den: 1}}}
	}
	var drivers []ssa.Value
	var walk func(v ssa.Value, depth int)
	walk = func(v ssa.Value, depth int) {
		if depth > 4 {
			return
		}
		switch x := v.(type) {
		case *ssa.BinOp:
			walk(x.X, depth+1)
			walk(x.Y, depth+1)
		case *ssa.Call:
			if isLenCall(x) {
				drivers = append(drivers, x.Call.Args[0])
			}
		case *ssa.Extract:
			if next, ok := x.Tuple.(*ssa.Next); ok {
				if rng, ok := next.Iter.(*ssa.Range); ok {
					drivers = append(drivers, rng.X)
				}
			}
		case *ssa.UnOp, *ssa.Parameter, *ssa.Phi:
			drivers = append(drivers, x)
		}
	}
	walk(cond, 0)
	var l Length
	for _, d := range drivers {
		for _, p := range e.taintLength(e.read(d, nil), grown).Open {
			if p.Kind == OpenAttacker {
				p.Desc = grown + " over " + p.Desc
			}
			l.Open = addOpen(l.Open, p)
		}
	}
	if len(l.Open) == 0 {
		l.Open = []OpenPart{{Kind: OpenUnknown, Desc: grown, Num: 1, Den: 1}}
	}
	return l
}
