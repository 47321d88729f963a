package flow

import (
	"go/token"
	"go/types"

	"github.com/cachevet/cachevet/analyzers/internal/ssautil"
	"golang.org/x/tools/go/ssa"
)

// length returns the bound of v, without the guards of any block.
func (e *engine) length(v ssa.Value) Length {
	if l, ok := e.lenMemo[v]; ok {
		return l
	}
	e.lenMemo[v] = Length{Open: []OpenPart{{Kind: OpenUnknown, Desc: "a value computed in a loop", Num: 1, Den: 1}}}
	l := e.computeLength(v)
	e.lenMemo[v] = l
	return l
}

// lengthAt returns the bound of v where it is used in block b: the
// guards that every path to b passed cap it, as they clear its bytes for
// keyinjection (see proven).
func (e *engine) lengthAt(v ssa.Value, b *ssa.BasicBlock) Length {
	l := e.length(v)
	if p := e.provenAt(v, b); p.bounded() {
		l = capped(l, p.maxLen)
	}
	return l
}

// lengthOnEdge returns the bound of v flowing along the edge pred -> succ
// into a phi: the edge itself may be the valid edge of a length guard.
func (e *engine) lengthOnEdge(v ssa.Value, pred, succ *ssa.BasicBlock) Length {
	l := e.lengthAt(v, pred)
	for _, g := range e.guardsOf(pred.Parent()) {
		if g.bounded() && e.sameVar(g.x, v) && g.block == pred && pred.Succs[g.valid] == succ {
			l = capped(l, g.maxLen)
		}
	}
	return l
}

// sameVar reports whether a and b are the same value for a guard: the
// same SSA value, or two loads of a variable that is assigned once (a local
// captured by a closure lives in memory and every use is a new load).
func (e *engine) sameVar(a, b ssa.Value) bool {
	if a == b {
		return true
	}
	la, ok1 := a.(*ssa.UnOp)
	lb, ok2 := b.(*ssa.UnOp)
	if !ok1 || !ok2 || la.Op != token.MUL || lb.Op != token.MUL {
		return false
	}
	ra, pa := e.addr(la.X)
	rb, pb := e.addr(lb.X)
	alloc, ok := ra.(*ssa.Alloc)
	if !ok || ra != rb || pa != pb || pa != "" {
		return false
	}
	stores := 0
	for _, ref := range *alloc.Referrers() {
		if st, ok := ref.(*ssa.Store); ok && st.Addr == alloc {
			stores++
		}
	}
	return stores == 1
}

func (e *engine) computeLength(v ssa.Value) Length {
	if n, ok := arrayLen(v.Type()); ok {
		return fixed(n)
	}
	var b *ssa.BasicBlock
	if instr, ok := v.(ssa.Instruction); ok {
		b = instr.Block()
	}
	if c, ok := v.(*ssa.Convert); ok && isIntegerType(c.X.Type()) {
		return fixed(4) // string(rune)
	}
	if x, ok := ssautil.CopiedFrom(v); ok {
		return e.lengthAt(x, b)
	}
	switch x := v.(type) {
	case *ssa.Const:
		if s, ok := ssautil.ConstString(x); ok {
			return fixed(len(s))
		}
		if x.IsNil() {
			return fixed(0)
		}
		return e.opaqueLength(v)
	case *ssa.BinOp:
		if x.Op == token.ADD {
			return addLengths(e.lengthAt(x.X, b), e.lengthAt(x.Y, b))
		}
	case *ssa.Phi:
		if l, ok := e.loopLength(x); ok {
			return l
		}
		var ls []Length
		for i, edge := range x.Edges {
			ls = append(ls, e.lengthOnEdge(edge, x.Block().Preds[i], x.Block()))
		}
		return maxLengths(ls...)
	case *ssa.Slice:
		l := e.lengthAt(x.X, b)
		if n, ok := e.indexBound(x.High, b, 0); x.High != nil && ok {
			return capped(l, n)
		}
		return l
	case *ssa.Call:
		if l, ok := e.appendLength(x); ok {
			return l
		}
		return e.callLength(x)
	case *ssa.Extract:
		if call, ok := x.Tuple.(*ssa.Call); ok && x.Index == 0 {
			return e.callLength(call)
		}
	}
	return e.opaqueLength(v)
}

// opaqueLength is the bound of a value the interpretation does not follow:
// unbounded if attacker data or a parameter reaches it, unknown otherwise.
func (e *engine) opaqueLength(v ssa.Value) Length {
	if p, ok := v.(*ssa.Parameter); ok && !e.canCarry(p.Type()) {
		return fixed(0)
	}
	return e.taintLength(e.read(v, nil), describe(v))
}

// partLength is the bound of part path of v, a field a summary names: it
// is read from memory, whose lengths are not followed.
func (e *engine) partLength(v ssa.Value, path string, at ssa.Instruction) Length {
	return e.taintLength(e.readPath(v, path, at), "a value read from memory")
}

// taintLength is the bound of a value of taint t the interpretation does
// not follow; desc names it if nothing in t explains why it is unbounded.
func (e *engine) taintLength(t Taint, desc string) Length {
	var l Length
	for _, o := range t.sorted() {
		switch o.Kind {
		case FromSource:
			l.Open = addOpen(l.Open, OpenPart{Kind: OpenAttacker, Desc: o.Desc, Pos: o.Pos, Num: 1, Den: 1})
		case FromParam:
			// Lengths tell a parameter's fields apart, not their parts:
			// bounds are sums over every part, and a receiver read in
			// many places would otherwise make them long lists.
			path := firstField(o.Path)
			l.Open = addOpen(l.Open, OpenPart{Kind: OpenParam, Desc: "parameter " + o.Fn.Params[o.Param].Name() + path, Fn: o.Fn, Param: o.Param, Path: path, Num: 1, Den: 1})
		}
	}
	if len(l.Open) == 0 {
		l.Open = []OpenPart{{Kind: OpenUnknown, Desc: desc, Num: 1, Den: 1}}
	}
	return l
}

// constUpperBound bounds an integer slice index: a constant, or min() with
// a constant argument (s[:min(len(s), 100)]).
func constUpperBound(v ssa.Value) (int, bool) {
	switch x := v.(type) {
	case *ssa.Const:
		if n, ok := ssautil.ConstInt(x); ok && n >= 0 {
			return int(n), true
		}
	case *ssa.Call:
		if b, ok := x.Call.Value.(*ssa.Builtin); ok && b.Name() == "min" {
			best, found := 0, false
			for _, a := range x.Call.Args {
				if n, ok := constUpperBound(a); ok && (!found || n < best) {
					best, found = n, true
				}
			}
			return best, found
		}
	}
	return 0, false
}

func describe(v ssa.Value) string {
	switch x := v.(type) {
	case *ssa.Call:
		if fn := x.Call.StaticCallee(); fn != nil {
			if obj, ok := fn.Object().(*types.Func); ok {
				return "the result of " + shortName(obj)
			}
		}
		if x.Call.IsInvoke() {
			return "the result of " + shortName(x.Call.Method)
		}
		return "the result of a call"
	case *ssa.UnOp, *ssa.Field:
		return "a value read from memory"
	}
	return "a value"
}

func arrayLen(t types.Type) (int, bool) {
	if a, ok := t.Underlying().(*types.Array); ok && ssautil.IsByte(a.Elem()) {
		return int(a.Len()), true
	}
	if p, ok := t.Underlying().(*types.Pointer); ok {
		if a, ok := p.Elem().Underlying().(*types.Array); ok && ssautil.IsByte(a.Elem()) {
			return int(a.Len()), true
		}
	}
	return 0, false
}

func isIntegerType(t types.Type) bool {
	b, ok := t.Underlying().(*types.Basic)
	return ok && b.Info()&types.IsInteger != 0
}

// intWidth is the longest decimal rendering of an integer type.
func intWidth(t types.Type) int {
	b, ok := t.Underlying().(*types.Basic)
	if !ok {
		return 20
	}
	switch b.Kind() {
	case types.Int8:
		return 4
	case types.Uint8:
		return 3
	case types.Int16:
		return 6
	case types.Uint16:
		return 5
	case types.Int32:
		return 11
	case types.Uint32:
		return 10
	case types.Uint64, types.Uint, types.Uintptr:
		return 20
	}
	return 20
}
