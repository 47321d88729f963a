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
// from block to block.Succs[valid], x holds none of the bytes the proof
// removes and is no longer than its bound. `if !keyRE.MatchString(k) {
// return }` is one; so are `k == "a"`, `!strings.ContainsAny(k, " \r\n")`,
// a call of a validator, an allow-list lookup, and the exit of a loop
// that returns early on some bytes of k (see loops.go).
type guard struct {
	block *ssa.BasicBlock
	valid int
	x     ssa.Value
	proof
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
			gs = append(gs, guard{block: b, valid: valid, x: c.x, proof: c.proof})
		}
	}
	gs = append(gs, e.loopGuards(fn)...)
	e.guards[fn] = gs
	return gs
}

// A condition is what a boolean value proves: when it evaluates to
// whenTrue, x is as the proof says.
type condition struct {
	x        ssa.Value
	whenTrue bool
	proof
}

// conditions interprets a boolean value: the one place where the forms of
// guards get their meaning, for the bytes keyinjection follows and the
// lengths keylength bounds alike.
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
		switch t := c.Tuple.(type) {
		case *ssa.Call:
			if c.Index == 0 {
				return e.callCondition(t, whenTrue)
			}
		case *ssa.Lookup:
			if c.Index == 1 {
				return e.lookupCondition(t, whenTrue)
			}
		}
	case *ssa.Call:
		return e.callCondition(c, whenTrue)
	case *ssa.Lookup:
		return e.lookupCondition(c, whenTrue)
	}
	return nil
}

// comparison handles `x == "const"`, `x != "const"`, `len(x) > 200`,
// `validate(x) == nil`, `net.ParseIP(x) != nil` and
// `strings.IndexAny(x, " \n") < 0`.
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
		return []condition{{x: x, whenTrue: whenTrue == eq, proof: memberProof([]string{s})}}
	}
	// An integer's bound holds beside what the integer, an index, says
	// of the string it was searched in.
	bounds := lengthComparison(c, x, k, whenTrue)
	if bounds != nil && isLenCall(x) {
		return bounds
	}
	if k.IsNil() && (c.Op == token.EQL || c.Op == token.NEQ) {
		// validate(x) == nil: success when the comparison is eq;
		// net.ParseIP(x) == nil: success when it is not.
		var out []condition
		for _, s := range []model.Success{model.NilError, model.NonNilResult} {
			succeeds := eq == (s == model.NilError)
			for _, sc := range e.successConditions(x, s) {
				sc.whenTrue = whenTrue == succeeds
				out = append(out, sc)
			}
		}
		return out
	}
	call, ok := x.(*ssa.Call)
	if !ok {
		return bounds
	}
	// Index(x, ...) compared with -1 or 0.
	notFound, ok := indexNotFound(c.Op, k)
	if !ok {
		return bounds
	}
	ce := e.calleeOf(call.Common())
	as := args(call.Common())
	if len(as) != 2 {
		return bounds
	}
	var removes model.ByteSet
	switch g := ce.row().Guard; g {
	case model.GuardIndexAny, model.GuardIndexSubstring:
		removes, _ = needleBytes(as[1], g == model.GuardIndexSubstring)
	case model.GuardIndexFunc:
		removes = runePredicateTrue(as[1])
	case model.GuardMemberIndex:
		// slices.Index(list, x): found means x is an element.
		if elems, ok := e.constantElems(as[0]); ok {
			return append(bounds, condition{x: ssautil.Unconvert(as[1]), whenTrue: whenTrue != notFound, proof: memberProof(elems)})
		}
	}
	if removes == 0 {
		return bounds
	}
	return append(bounds, condition{x: as[0], whenTrue: whenTrue == notFound, proof: proofOf(removes, model.NoBound)})
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

// callCondition interprets a call whose boolean result is the condition.
func (e *engine) callCondition(call *ssa.Call, whenTrue bool) []condition {
	c := call.Common()
	ce := e.calleeOf(c)
	as := args(c)
	switch g := ce.row().Guard; g {
	case model.GuardMatchCompiled:
		if pat, ok := e.regexpPattern(as[0]); ok {
			if c, ok := regexpCondition(pat, ssautil.Unconvert(as[1]), whenTrue); ok {
				return []condition{c}
			}
		}
	case model.GuardMatch:
		if expr, ok := ssautil.ConstString(as[0]); ok {
			if c, ok := regexpCondition(Pattern{Expr: expr}, ssautil.Unconvert(as[1]), whenTrue); ok {
				return []condition{c}
			}
		}
	case model.GuardContainsAny, model.GuardContainsSubstring:
		if removes, ok := needleBytes(as[1], g == model.GuardContainsSubstring); ok {
			return []condition{{x: as[0], whenTrue: !whenTrue, proof: proofOf(removes, model.NoBound)}}
		}
	case model.GuardContainsFunc:
		if removes := runePredicateTrue(as[1]); removes != 0 {
			return []condition{{x: as[0], whenTrue: !whenTrue, proof: proofOf(removes, model.NoBound)}}
		}
	case model.GuardMember:
		if elems, ok := e.constantElems(as[0]); ok && len(as) == 2 {
			return []condition{{x: ssautil.Unconvert(as[1]), whenTrue: whenTrue, proof: memberProof(elems)}}
		}
	}
	out := e.successConditions(call, model.TrueResult)
	for i := range out {
		out[i].whenTrue = whenTrue
	}
	return out
}

// successConditions is what v, the result of a call, being a success of
// the given kind proves about the call's arguments (whenTrue set): a true
// bool, a nil error (the call's last result), a non-nil slice or pointer.
func (e *engine) successConditions(v ssa.Value, success model.Success) []condition {
	call, ok := resultOf(v, success)
	if !ok {
		return nil
	}
	as := args(call.Common())
	var out []condition
	for _, val := range e.callValidations(call.Common()) {
		if val.Success == success && val.Arg < len(as) {
			out = append(out, condition{x: ssautil.Unconvert(as[val.Arg]), whenTrue: true, proof: validationProof(val)})
		}
	}
	return out
}

// resultOf returns the call whose result v is, if v is the result a
// success of that kind is read from: the only result of a call, or for a
// nil error, the last of several. Which validations apply is then told
// by their Success.
func resultOf(v ssa.Value, success model.Success) (*ssa.Call, bool) {
	if ex, ok := v.(*ssa.Extract); ok {
		call, ok := ex.Tuple.(*ssa.Call)
		return call, ok && success == model.NilError && ex.Index == call.Type().(*types.Tuple).Len()-1
	}
	call, ok := v.(*ssa.Call)
	if !ok {
		return nil, false
	}
	_, tuple := call.Type().(*types.Tuple)
	return call, !tuple
}

// successOf is how a validator with these results says it succeeded: a
// single bool is true, or the last result, of type error, is nil. ok is
// false for any other results.
func successOf(results *types.Tuple) (s model.Success, ok bool) {
	n := results.Len()
	switch {
	case n == 0:
		return 0, false
	case types.Identical(results.At(n-1).Type(), errorType):
		return model.NilError, true
	case n == 1 && types.Identical(results.At(0).Type().Underlying(), types.Typ[types.Bool]):
		return model.TrueResult, true
	}
	return 0, false
}

// callValidations returns what a call's success proves about its
// arguments: the model row of a library validator, or the summaries of
// the callee, inferred from its body (see validator.go) or declared. The
// summaries of the implementations of an interface method are not used:
// the implementations cachevet sees need not be all there are, so only a
// validator declared by name is trusted through an interface.
func (e *engine) callValidations(c *ssa.CallCommon) []model.Validation {
	ce := e.calleeOf(c)
	if v := ce.row().Validates; v != nil {
		return []model.Validation{*v}
	}
	var sums []*Summary
	if c.IsInvoke() {
		if ce.obj != nil && e.cfg.Validators[ce.name] {
			sums = []*Summary{{Validator: true}}
		}
	} else {
		sums, _ = e.summariesOf(c, ce)
	}
	var out []model.Validation
	for _, s := range sums {
		out = append(out, s.Proves...)
		if s.Validator && ce.obj != nil {
			if d, ok := declaredValidation(ce.obj.Signature()); ok && !slices.ContainsFunc(s.Proves, func(v model.Validation) bool { return v.Arg == d.Arg }) {
				out = append(out, d)
			}
		}
	}
	return out
}

// declaredValidation is what a function declared a validator proves: its
// first argument after the receiver is a safe key, of any length.
func declaredValidation(sig *types.Signature) (model.Validation, bool) {
	arg := 0
	if sig.Recv() != nil {
		arg = 1
	}
	success, ok := successOf(sig.Results())
	if sig.Params().Len() == 0 || !ok {
		return model.Validation{}, false
	}
	return model.Validation{Arg: arg, Removes: model.AnyUnsafe, MaxLen: model.NoBound, Success: success}, true
}

func isLenCall(v ssa.Value) bool {
	call, ok := v.(*ssa.Call)
	if !ok {
		return false
	}
	b, ok := call.Call.Value.(*ssa.Builtin)
	return ok && b.Name() == "len"
}

// lengthComparison handles `len(x) > 200` and its variants: on one edge x
// is at most so many bytes long.
//
// An integer compared with a constant is bounded the same way, as a value
// rather than a length: `if n > 200 { n = 200 }` bounds s[:n] (see
// indexBound).
func lengthComparison(c *ssa.BinOp, x ssa.Value, k *ssa.Const, whenTrue bool) []condition {
	bounded := x
	if call, ok := x.(*ssa.Call); ok {
		if b, ok := call.Call.Value.(*ssa.Builtin); ok && b.Name() == "len" {
			bounded = call.Call.Args[0]
		}
	}
	if bounded == x && !isIntegerType(x.Type()) {
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
	return []condition{{x: bounded, whenTrue: whenTrue == holdsWhen, proof: proofOf(0, int(limit))}}
}

// proven is what the guards gs prove where b is reached, all of them
// being about one value: the bytes that every path to b took a guard
// removing, and the least bound every path to b took a guard within.
// Guards combine: after `switch k { case "a", "b": }` every path into the
// case body took one of the two equality edges.
func (e *engine) proven(gs []guard, b *ssa.BasicBlock) proof {
	var removes model.ByteSet
	var sets []model.ByteSet
	var bounds []int
	for _, g := range gs {
		if g.removes != 0 && !slices.Contains(sets, g.removes) {
			sets = append(sets, g.removes)
		}
		if g.bounded() && !slices.Contains(bounds, g.maxLen) {
			bounds = append(bounds, g.maxLen)
		}
	}
	for _, set := range sets {
		if set&^removes == 0 {
			continue // already proven
		}
		if e.guardedBy(b, slices.DeleteFunc(slices.Clone(gs), func(g guard) bool { return g.removes&set != set })) {
			removes |= set
		}
	}
	slices.Sort(bounds)
	for _, n := range bounds {
		if e.guardedBy(b, slices.DeleteFunc(slices.Clone(gs), func(g guard) bool { return !g.bounded() || g.maxLen > n })) {
			return proofOf(removes, n)
		}
	}
	return proofOf(removes, model.NoBound)
}

// provenAt is what the guards of b's function prove about v where b is
// reached: the guards on v itself or on a load of the variable v was
// loaded from (see sameVar).
func (e *engine) provenAt(v ssa.Value, b *ssa.BasicBlock) proof {
	if b == nil {
		return noProof
	}
	var gs []guard
	for _, g := range e.guardsOf(b.Parent()) {
		if e.sameVar(g.x, v) {
			gs = append(gs, g)
		}
	}
	if len(gs) == 0 {
		return noProof
	}
	return e.proven(gs, b)
}

// guarded clears from t, the taint of v, what the guards dominating
// block b prove absent. A guard on a value clears its bytes from the
// origins that value carries: `if !valid(k) { return }` makes k's request
// data safe in "user:" + k. A guard on a copy that may have lost some of
// the bytes (strings.TrimSpace(k), k[:8], url.QueryEscape(k)) proves
// nothing of the data it was made from: it clears only a v built from
// that copy itself. c is the client of the sink, if v is its Item.
func (e *engine) guarded(t Taint, b *ssa.BasicBlock, v ssa.Value, c *model.Client) Taint {
	if len(t) == 0 || b == nil {
		return t
	}
	var gs []guard
	var carried []Taint
	var parts []ssa.Value
	for _, g := range e.guardsOf(b.Parent()) {
		if g.removes != 0 && e.reduces(g.x) {
			if parts == nil {
				parts = e.wholeParts(v, b.Parent(), c)
			}
			if !slices.ContainsFunc(parts, func(p ssa.Value) bool { return e.sameVar(p, g.x) }) {
				continue
			}
		}
		if g.removes != 0 {
			if gt := e.read(g.x, nil); sharesOrigin(t, gt) {
				gs = append(gs, g)
				carried = append(carried, gt)
			}
		}
	}
	if len(gs) == 0 {
		return t
	}
	var out Taint
	for _, o := range t.sorted() {
		var on []guard
		for i, g := range gs {
			if _, ok := carried[i][o]; ok {
				on = append(on, g)
			}
		}
		if len(on) == 0 {
			continue
		}
		removes := e.proven(on, b).removes
		if t[o]&removes == 0 {
			continue
		}
		if out == nil {
			out = make(Taint, len(t))
			for o, bytes := range t {
				out[o] = bytes
			}
		}
		out[o] &^= removes
	}
	if out == nil {
		return t
	}
	return out
}

// reduces reports whether x is made from data that may hold bytes x
// does not: a substring, or the result of a library function that trims,
// splits, replaces, escapes or decodes. Anything else (a source, a field,
// a call the model says nothing of) is taken to hold the bytes of the
// data it carries, as concatenation and conversion do.
func (e *engine) reduces(x ssa.Value) bool {
	for range 8 {
		y, ok := ssautil.CopiedFrom(x)
		if !ok {
			break
		}
		x = y
	}
	switch v := x.(type) {
	case *ssa.Slice:
		return true
	case *ssa.Extract:
		if call, ok := v.Tuple.(*ssa.Call); ok {
			return e.reduces(call)
		}
	case *ssa.Call:
		row := e.calleeOf(v.Common()).row()
		switch row.Transform {
		case model.Escape, model.Decode, model.Clean, model.Quote, model.Digest, model.Special:
			return true
		}
		return row.Length.Kind == model.LengthSameAs
	}
	return false
}

// wholeParts returns the values v is made of whole: v, the operands of a
// concatenation, what a conversion or a phi takes, and for an Item of
// client c the keys stored into it in fn.
func (e *engine) wholeParts(v ssa.Value, fn *ssa.Function, c *model.Client) []ssa.Value {
	var out []ssa.Value
	var walk func(v ssa.Value, depth int)
	walk = func(v ssa.Value, depth int) {
		if v == nil || depth > 8 || slices.Contains(out, v) {
			return
		}
		out = append(out, v)
		if y, ok := ssautil.CopiedFrom(v); ok {
			walk(y, depth+1)
		}
		switch x := v.(type) {
		case *ssa.BinOp:
			if x.Op == token.ADD {
				walk(x.X, depth+1)
				walk(x.Y, depth+1)
			}
		case *ssa.Phi:
			for _, edge := range x.Edges {
				walk(edge, depth+1)
			}
		}
		if c != nil && isItem(v.Type(), c) {
			for _, st := range e.itemKeyStores(fn, v, c) {
				walk(st.Val, depth+1)
			}
		}
	}
	walk(v, 0)
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
