package flow

import (
	"go/token"
	"go/types"
	"slices"

	"github.com/cachevet/cachevet/analyzers/internal/model"
	"github.com/cachevet/cachevet/analyzers/internal/ssautil"
	"golang.org/x/tools/go/ssa"
)

// A guard is a branch that proves something about a value: on the edge
// from block to block.Succs[valid], x holds none of the bytes in removes.
// `if !keyRE.MatchString(k) { return }` is one; so are `k == "a"`,
// `!strings.ContainsAny(k, " \r\n")` and a call of a declared validator.
type guard struct {
	block   *ssa.BasicBlock
	valid   int
	x       ssa.Value
	removes model.ByteSet
	maxLen  int // len(x) <= maxLen on the valid edge; -1 if the guard says nothing of length
}

func (e *engine) guardsOf(fn *ssa.Function) []guard {
	if gs, ok := e.guards[fn]; ok {
		return gs
	}
	var gs []guard
	for _, b := range fn.Blocks {
		if len(b.Instrs) == 0 {
			continue
		}
		ifInstr, ok := b.Instrs[len(b.Instrs)-1].(*ssa.If)
		if !ok {
			continue
		}
		for _, c := range e.conditions(ifInstr.Cond, true, 0) {
			valid := 0
			if !c.whenTrue {
				valid = 1
			}
			gs = append(gs, guard{block: b, valid: valid, x: c.x, removes: c.removes, maxLen: c.maxLen})
		}
	}
	e.guards[fn] = gs
	return gs
}

// condition: when cond evaluates to whenTrue, x holds none of removes and,
// if maxLen >= 0, is at most maxLen bytes long.
type condition struct {
	x        ssa.Value
	removes  model.ByteSet
	whenTrue bool
	maxLen   int
}

func (e *engine) conditions(cond ssa.Value, whenTrue bool, depth int) []condition {
	if depth > 4 {
		return nil
	}
	switch c := cond.(type) {
	case *ssa.UnOp:
		if c.Op == token.NOT {
			return e.conditions(c.X, !whenTrue, depth+1)
		}
	case *ssa.BinOp:
		return e.comparison(c, whenTrue)
	case *ssa.Extract:
		if c.Index == 0 {
			if call, ok := c.Tuple.(*ssa.Call); ok {
				return e.callCondition(call, whenTrue)
			}
		}
	case *ssa.Call:
		return e.callCondition(c, whenTrue)
	}
	return nil
}

// comparison handles `x == "const"`, `x != "const"`, `validate(x) == nil`
// and `strings.IndexAny(x, " \n") < 0`.
func (e *engine) comparison(c *ssa.BinOp, whenTrue bool) []condition {
	if c.Op != token.EQL && c.Op != token.NEQ && c.Op != token.LSS && c.Op != token.LEQ && c.Op != token.GEQ && c.Op != token.GTR {
		return nil
	}
	x, y := c.X, c.Y
	if _, ok := x.(*ssa.Const); ok {
		x, y = y, x
	}
	k, ok := y.(*ssa.Const)
	if !ok {
		return nil
	}
	eq := c.Op == token.EQL
	if s, ok := ssautil.ConstString(k); ok && (c.Op == token.EQL || c.Op == token.NEQ) {
		if model.UnsafeBytesIn(s) != 0 {
			return nil
		}
		return []condition{{x: x, removes: model.AnyUnsafe, whenTrue: whenTrue == eq, maxLen: len(s)}}
	}
	if c := lengthComparison(c, x, k, whenTrue); c != nil {
		return c
	}
	call, ok := x.(*ssa.Call)
	if !ok {
		if ex, ok2 := x.(*ssa.Extract); ok2 {
			call, ok = ex.Tuple.(*ssa.Call)
			if !ok || ex.Index != 1 {
				return nil
			}
		} else {
			return nil
		}
	}
	ce := e.calleeOf(call.Common())
	// validate(x) == nil
	if k.IsNil() && e.isValidator(call.Common(), ce) && (c.Op == token.EQL || c.Op == token.NEQ) {
		if as := args(call.Common()); len(as) > 0 {
			return []condition{{x: validatedArg(call.Common()), removes: model.AnyUnsafe, whenTrue: whenTrue == eq, maxLen: -1}}
		}
	}
	// strings.IndexAny(x, chars) compared with -1 or 0.
	if set, arg := indexCall(ce.row().Guard, args(call.Common())); set != 0 {
		notFound, ok := indexNotFound(c.Op, k)
		if ok {
			return []condition{{x: arg, removes: set, whenTrue: whenTrue == notFound, maxLen: -1}}
		}
	}
	return nil
}

// indexCall reads a call whose result compared with -1 or 0 tells whether
// its text argument holds one of the bytes it looks for.
func indexCall(guard model.Guard, as []ssa.Value) (model.ByteSet, ssa.Value) {
	if len(as) != 2 || guard != model.GuardIndexAny && guard != model.GuardIndexSubstring {
		return 0, nil
	}
	set, _ := needleBytes(as[1], guard == model.GuardIndexSubstring)
	return set, as[0]
}

// needleBytes is the set of unsafe bytes a constant needle stands for: the
// bytes of a string of characters, a byte or a rune, or the single byte of
// a substring (a longer substring proves nothing about a byte). ok is
// false if the needle is none of these.
func needleBytes(v ssa.Value, substring bool) (set model.ByteSet, ok bool) {
	if s, ok := ssautil.ConstString(v); ok {
		if substring && len(s) != 1 {
			return 0, false
		}
		return model.UnsafeBytesIn(s), true
	}
	if c, ok := v.(*ssa.Const); ok && c.Value != nil {
		if n, ok := ssautil.ConstInt(c); ok && n >= 0 && n < 0x80 {
			return model.ByteBit(byte(n)), true
		}
	}
	return 0, false
}

// indexNotFound reports whether `index OP k` being true means "not found".
func indexNotFound(op token.Token, k *ssa.Const) (notFound, ok bool) {
	n, ok := ssautil.ConstInt(k)
	if !ok {
		return false, false
	}
	switch {
	case op == token.EQL && n == -1, op == token.LSS && n == 0:
		return true, true
	case op == token.NEQ && n == -1, op == token.GEQ && n == 0, op == token.GTR && n == -1:
		return false, true
	}
	return false, false
}

func (e *engine) callCondition(call *ssa.Call, whenTrue bool) []condition {
	c := call.Common()
	ce := e.calleeOf(c)
	as := args(c)
	switch ce.row().Guard {
	case model.GuardMatchCompiled:
		if pat, ok := e.regexpPattern(as[0]); ok {
			if c, ok := regexpCondition(pat, ssautil.Unconvert(as[1]), whenTrue); ok {
				return []condition{c}
			}
		}
	case model.GuardMatch:
		if pat, ok := ssautil.ConstString(as[0]); ok {
			if c, ok := regexpCondition(pat, ssautil.Unconvert(as[1]), whenTrue); ok {
				return []condition{c}
			}
		}
	case model.GuardContainsAny, model.GuardContainsSubstring:
		if removes, ok := needleBytes(as[1], ce.row().Guard == model.GuardContainsSubstring); ok {
			return []condition{{x: as[0], removes: removes, whenTrue: !whenTrue, maxLen: -1}}
		}
	}
	if e.isValidator(c, ce) && isBoolResult(call) {
		return []condition{{x: validatedArg(c), removes: model.AnyUnsafe, whenTrue: whenTrue, maxLen: -1}}
	}
	return nil
}

func isBoolResult(call *ssa.Call) bool {
	b, ok := call.Type().Underlying().(*types.Basic)
	return ok && b.Kind() == types.Bool
}

// validatedArg is the argument a validator judges: the first one after the
// receiver.
func validatedArg(c *ssa.CallCommon) ssa.Value {
	if c.IsInvoke() || len(c.Args) == 0 {
		if len(c.Args) > 0 {
			return c.Args[0]
		}
		return c.Value
	}
	fn := c.StaticCallee()
	if fn != nil && fn.Signature.Recv() != nil && len(c.Args) > 1 {
		return c.Args[1]
	}
	return c.Args[0]
}

func (e *engine) isValidator(c *ssa.CallCommon, ce callee) bool {
	sums, _ := e.summariesOf(c, ce)
	for _, s := range sums {
		if s.Validator {
			return true
		}
	}
	return false
}

// lengthComparison handles `len(x) > 200` and its variants: on one edge x
// is at most so many bytes long.
func lengthComparison(c *ssa.BinOp, x ssa.Value, k *ssa.Const, whenTrue bool) []condition {
	call, ok := x.(*ssa.Call)
	if !ok {
		return nil
	}
	if b, ok := call.Call.Value.(*ssa.Builtin); !ok || b.Name() != "len" {
		return nil
	}
	n, ok := ssautil.ConstInt(k)
	if !ok {
		return nil
	}
	op := c.Op
	if c.X == k { // 200 < len(x): mirror the operator
		switch op {
		case token.LSS:
			op = token.GTR
		case token.LEQ:
			op = token.GEQ
		case token.GTR:
			op = token.LSS
		case token.GEQ:
			op = token.LEQ
		}
	}
	var limit int64
	var holdsWhen bool // the bound holds when the comparison is holdsWhen
	switch op {
	case token.GTR:
		limit, holdsWhen = n, false
	case token.GEQ:
		limit, holdsWhen = n-1, false
	case token.LSS:
		limit, holdsWhen = n-1, true
	case token.LEQ, token.EQL:
		limit, holdsWhen = n, true
	case token.NEQ:
		limit, holdsWhen = n, false
	default:
		return nil
	}
	if limit < 0 {
		return nil
	}
	return []condition{{x: call.Call.Args[0], whenTrue: whenTrue == holdsWhen, maxLen: int(limit)}}
}

// guarded clears from t what the guards dominating block b prove absent.
// Guards on the same value combine: after `switch k { case "a", "b": }`
// every path into the case body took one of the two equality edges.
func (e *engine) guarded(t Taint, b *ssa.BasicBlock) Taint {
	if len(t) == 0 || b == nil {
		return t
	}
	var relevant []guard
	for _, g := range e.guardsOf(b.Parent()) {
		if g.removes != 0 && sharesOrigin(t, e.read(g.x, nil)) {
			relevant = append(relevant, g)
		}
	}
	var out Taint
	for _, removes := range distinctRemoves(relevant) {
		var edges []guard
		var origins Taint
		for _, g := range relevant {
			if g.removes&removes == removes {
				edges = append(edges, g)
				mergeInto(&origins, e.read(g.x, nil), model.AnyUnsafe)
			}
		}
		if !e.guardedBy(b, edges) {
			continue
		}
		if out == nil {
			out = make(Taint, len(t))
			for o, bytes := range t {
				out[o] = bytes
			}
		}
		for o := range origins {
			if bytes, ok := out[o]; ok {
				out[o] = bytes &^ removes
			}
		}
	}
	if out == nil {
		return t
	}
	return out
}

func distinctRemoves(gs []guard) []model.ByteSet {
	var out []model.ByteSet
	for _, g := range gs {
		if !slices.Contains(out, g.removes) {
			out = append(out, g.removes)
		}
	}
	return out
}

func sharesOrigin(a, b Taint) bool {
	for o := range b {
		if _, ok := a[o]; ok {
			return true
		}
	}
	return false
}

// guardedBy reports whether every path from the entry to b takes the valid
// edge of one of the guards: with those edges removed, b is unreachable.
func (e *engine) guardedBy(b *ssa.BasicBlock, gs []guard) bool {
	fn := b.Parent()
	if len(fn.Blocks) == 0 || b == fn.Blocks[0] || len(gs) == 0 {
		return false
	}
	cut := func(from, to *ssa.BasicBlock) bool {
		for _, g := range gs {
			if g.block == from && g.block.Succs[g.valid] == to {
				return true
			}
		}
		return false
	}
	seen := map[*ssa.BasicBlock]bool{fn.Blocks[0]: true}
	stack := []*ssa.BasicBlock{fn.Blocks[0]}
	for len(stack) > 0 {
		cur := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if cur == b {
			return false
		}
		for _, s := range cur.Succs {
			if !seen[s] && !cut(cur, s) {
				seen[s] = true
				stack = append(stack, s)
			}
		}
	}
	return true
}
