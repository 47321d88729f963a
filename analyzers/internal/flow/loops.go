package flow

import (
	"fmt"
	"go/token"
	"slices"
	"strings"

	"github.com/cachevet/cachevet/analyzers/internal/model"
	"github.com/cachevet/cachevet/analyzers/internal/ssautil"
	"golang.org/x/tools/go/ssa"
)

// Loops over the bytes or runes of a string that leave early on some of
// them are guards: on the edge out of the loop after its last element,
// every element went through the body and back, so the bytes the body
// never lets through cannot remain.
//
//	for i := 0; i < len(s); i++ { if s[i] <= ' ' { return false } }
//	for _, r := range s { if !unicode.IsLetter(r) { return errBad } }
//
// Which bytes those are is found by running the body on each unsafe
// byte (see continues): conditions on the element are computed, anything
// else may go either way. An exit that skips the rest (a break, or an
// index the body moves on itself) is not the edge the guard is on, or
// not a loop recognized here, so a loop that checks only some of the
// bytes proves only what it checks.

// A byteLoop is a loop visiting every element of x, a string or a byte
// slice, in order.
type byteLoop struct {
	// test is the block whose If decides whether another element
	// follows: Succs[0] is the body, Succs[1] the exit after the last.
	test *ssa.BasicBlock
	body *ssa.BasicBlock
	x    ssa.Value
	// isElem reports whether v is the current element: the byte
	// x[i], the rune of a range, or x[i] with the index of a range.
	isElem func(v ssa.Value) bool
}

// loopGuards returns the guards of fn's byte and rune loops.
func (e *engine) loopGuards(fn *ssa.Function) []guard {
	var gs []guard
	for _, b := range fn.Blocks {
		l, ok := e.byteLoopAt(b)
		if !ok || !l.mayLeave() {
			continue
		}
		var removes model.ByteSet
		for c := 0; c <= 0x7f; c++ {
			if bit := model.ByteBit(byte(c)); bit != 0 && !l.continues(int64(c)) {
				removes |= bit
			}
		}
		if removes != 0 {
			gs = append(gs, guard{block: b, valid: 1, x: ssautil.Unconvert(l.x), proof: proofOf(removes, model.NoBound)})
		}
	}
	return gs
}

// byteLoopAt recognizes the loop whose test ends block t.
func (e *engine) byteLoopAt(t *ssa.BasicBlock) (*byteLoop, bool) {
	if len(t.Instrs) == 0 || len(t.Succs) != 2 {
		return nil, false
	}
	ifInstr, ok := t.Instrs[len(t.Instrs)-1].(*ssa.If)
	if !ok {
		return nil, false
	}
	l := &byteLoop{test: t, body: t.Succs[0]}
	if l.body == t {
		return nil, false
	}
	switch c := ifInstr.Cond.(type) {
	case *ssa.Extract:
		// for i, r := range s: next's ok, then its key and value.
		next, ok := c.Tuple.(*ssa.Next)
		if !ok || c.Index != 0 || !next.IsString {
			return nil, false
		}
		rng, ok := next.Iter.(*ssa.Range)
		if !ok {
			return nil, false
		}
		l.x = rng.X
		l.isElem = func(v ssa.Value) bool {
			if ex, ok := v.(*ssa.Extract); ok {
				return ex.Tuple == next && ex.Index == 2
			}
			if ix, ok := v.(*ssa.Index); ok {
				ex, ok := ix.Index.(*ssa.Extract)
				return ok && ix.X == rng.X && ex.Tuple == next && ex.Index == 1
			}
			return false
		}
		return l, true
	case *ssa.BinOp:
		if c.Op != token.LSS {
			return nil, false
		}
		x, ok := lenOf(c.Y)
		if !ok {
			return nil, false
		}
		idx, ok := l.index(c.X)
		if !ok || l.definedInside(x) {
			return nil, false
		}
		l.x = x
		if ssautil.IsString(x.Type()) {
			l.isElem = func(v ssa.Value) bool {
				ix, ok := v.(*ssa.Index)
				return ok && ix.Index == idx && e.sameVar(ix.X, x)
			}
			return l, true
		}
		if !ssautil.IsBytes(x.Type()) || writesInto(t.Parent(), x) {
			return nil, false
		}
		l.isElem = func(v ssa.Value) bool {
			load, ok := v.(*ssa.UnOp)
			if !ok || load.Op != token.MUL {
				return false
			}
			ia, ok := load.X.(*ssa.IndexAddr)
			return ok && ia.Index == idx && ia.X == x
		}
		return l, true
	}
	return nil, false
}

// index returns the element index of a loop whose test is `a < len(x)`,
// if the loop visits 0, 1, ... in turn:
//
//	for i := 0; i < n; i++: a is a phi of the test, 0 on entry, a+1 around
//	for i := range x (a slice): a = p+1, p a phi of the test, -1 on entry, a around
//	for i := range n: a = p+1 in the latch, p a phi of the body, 0 on entry, a around
func (l *byteLoop) index(a ssa.Value) (ssa.Value, bool) {
	inside := func(b *ssa.BasicBlock) bool { return l.body.Dominates(b) }
	edgesAre := func(p *ssa.Phi, around ssa.Value, entry int64) bool {
		for i, v := range p.Edges {
			if inside(p.Block().Preds[i]) {
				if v != around {
					return false
				}
			} else if !ssautil.IsConstInt(v, entry) {
				return false
			}
		}
		return true
	}
	if p, ok := a.(*ssa.Phi); ok {
		return p, p.Block() == l.test && allIncrements(p, inside)
	}
	next, ok := a.(*ssa.BinOp)
	if !ok {
		return nil, false
	}
	p, ok := next.X.(*ssa.Phi)
	if !ok || !isIncrement(next, p) {
		return nil, false
	}
	switch {
	case p.Block() == l.test && edgesAre(p, next, -1):
		return next, true
	case p.Block() == l.body && inside(l.test) && edgesAre(p, next, 0):
		return p, true
	}
	return nil, false
}

// allIncrements reports whether every edge of p from inside the loop is
// p+1 and every other one 0 (several edges go round when continue and
// the end of the body each add 1).
func allIncrements(p *ssa.Phi, inside func(*ssa.BasicBlock) bool) bool {
	for i, v := range p.Edges {
		if inside(p.Block().Preds[i]) {
			if !isIncrement(v, p) {
				return false
			}
		} else if !ssautil.IsConstInt(v, 0) {
			return false
		}
	}
	return true
}

// isIncrement reports whether v is p + 1.
func isIncrement(v ssa.Value, p *ssa.Phi) bool {
	b, ok := v.(*ssa.BinOp)
	return ok && b.Op == token.ADD && b.X == p && ssautil.IsConstInt(b.Y, 1)
}

// definedInside reports whether x is computed in the loop: a string the
// body assigns again is a phi, and its elements are not those of one
// string.
func (l *byteLoop) definedInside(x ssa.Value) bool {
	instr, ok := x.(ssa.Instruction)
	return ok && (instr.Block() == l.test || l.body.Dominates(instr.Block()))
}

// lenOf returns x if v is len(x).
func lenOf(v ssa.Value) (ssa.Value, bool) {
	call, ok := v.(*ssa.Call)
	if !ok {
		return nil, false
	}
	if b, ok := call.Call.Value.(*ssa.Builtin); !ok || b.Name() != "len" {
		return nil, false
	}
	return call.Call.Args[0], true
}

// writesInto reports whether fn may store into an element of the slice
// x, which could change a byte after the loop checked it.
func writesInto(fn *ssa.Function, x ssa.Value) bool {
	for _, ref := range *x.Referrers() {
		switch r := ref.(type) {
		case *ssa.IndexAddr:
			for _, use := range *r.Referrers() {
				if _, ok := use.(*ssa.UnOp); !ok {
					return true
				}
			}
		case *ssa.Call:
			if b, ok := r.Call.Value.(*ssa.Builtin); ok && b.Name() == "len" {
				continue
			}
			return true
		case *ssa.Slice, *ssa.Store, *ssa.MakeInterface:
			return true
		}
	}
	return false
}

// mayLeave reports whether the body can end otherwise than by going round:
// a loop without an early exit removes nothing, and is not run.
func (l *byteLoop) mayLeave() bool {
	fn := l.test.Parent()
	for _, b := range fn.Blocks {
		if b == l.test || !l.body.Dominates(b) {
			continue
		}
		if len(b.Succs) == 0 {
			return true
		}
		for _, s := range b.Succs {
			if s != l.test && !l.body.Dominates(s) {
				return true
			}
		}
	}
	return false
}

// loopBudget bounds the instructions run for one element.
const loopBudget = 4096

// continues reports whether the body, given the element elem, may go
// round to the test again. It follows every path a condition it cannot
// compute allows, and says yes if the budget runs out.
func (l *byteLoop) continues(elem int64) bool {
	type state struct {
		block, prev *ssa.BasicBlock
		env         map[ssa.Value]int64
	}
	stack := []state{{l.body, l.test, map[ssa.Value]int64{}}}
	seen := make(map[string]bool)
	steps := 0
	for len(stack) > 0 {
		st := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if st.block == l.test {
			return true
		}
		if !l.body.Dominates(st.block) {
			continue // out of the loop, by a break or a goto
		}
		key := fingerprint(st.block, st.prev, st.env)
		if seen[key] {
			continue
		}
		seen[key] = true
		env := st.env
		value := func(v ssa.Value) (int64, bool) {
			if l.isElem(v) {
				return elem, true
			}
			return lookupPure(env, v)
		}
		enterPhis(st.block, st.prev, env)
		for _, instr := range st.block.Instrs {
			if steps++; steps > loopBudget {
				return true
			}
			switch in := instr.(type) {
			case *ssa.If:
				if c, ok := value(in.Cond); ok {
					next := st.block.Succs[1]
					if c != 0 {
						next = st.block.Succs[0]
					}
					stack = append(stack, state{next, st.block, env})
				} else {
					stack = append(stack, state{st.block.Succs[0], st.block, env}, state{st.block.Succs[1], st.block, clone(env)})
				}
			case *ssa.Jump:
				stack = append(stack, state{st.block.Succs[0], st.block, env})
			case *ssa.Phi:
			case ssa.Value:
				if n, ok := pureValue(in, value, 0); ok {
					env[in] = n
				} else {
					delete(env, in)
				}
			}
		}
	}
	return false
}

func clone(env map[ssa.Value]int64) map[ssa.Value]int64 {
	out := make(map[ssa.Value]int64, len(env))
	for k, v := range env {
		out[k] = v
	}
	return out
}

// fingerprint names a state of continues: two states with the same name
// run the same from there.
func fingerprint(b, prev *ssa.BasicBlock, env map[ssa.Value]int64) string {
	entries := make([]string, 0, len(env))
	for v, n := range env {
		entries = append(entries, fmt.Sprintf("%s=%d", v.Name(), n))
	}
	slices.Sort(entries)
	return fmt.Sprintf("%d<%d:%s", b.Index, prev.Index, strings.Join(entries, ","))
}
