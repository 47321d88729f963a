package flow

import (
	"go/token"
	"go/types"
	"math"
	"net/url"
	"slices"
	"strings"

	"github.com/cachevet/cachevet/analyzers/internal/model"
	"golang.org/x/tools/go/ssa"
)

// MaxKeyLength is memcached's key length limit (KEY_MAX_LENGTH).
const MaxKeyLength = 250

// Length is an upper bound on the byte length of a string: Max bytes that
// are bounded plus the open parts, which are not.
type Length struct {
	Max  int
	Open []OpenPart
}

// OpenKind says why part of a length has no bound.
type OpenKind uint8

const (
	// OpenAttacker is attacker-controlled input: known to be unbounded.
	OpenAttacker OpenKind = iota
	// OpenCollection is a joined or %v-formatted collection: known to be
	// unbounded.
	OpenCollection
	// OpenParam is a parameter of the function being summarized.
	OpenParam
	// OpenUnknown is a value whose length cachevet cannot bound (a field
	// read from a database row, an opaque call): reported only in strict mode.
	OpenUnknown
)

// OpenPart is one unbounded part of a length. It contributes Num/Den times
// its own length (url.QueryEscape triples a string, hex doubles it).
type OpenPart struct {
	Kind     OpenKind
	Desc     string
	Pos      token.Pos
	Fn       *ssa.Function
	Param    int
	Path     string // the part of parameter Param, for OpenParam
	Num, Den int
}

const saturated = math.MaxInt32

// Finite reports whether the length has a bound.
func (l Length) Finite() bool { return len(l.Open) == 0 }

// Known reports whether every open part is known to be unbounded
// (attacker data or a collection), as opposed to merely unproven.
func (l Length) Known() bool {
	for _, p := range l.Open {
		if p.Kind == OpenAttacker || p.Kind == OpenCollection {
			return true
		}
	}
	return false
}

func satAdd(a, b int) int {
	if a+b > saturated || a+b < 0 {
		return saturated
	}
	return a + b
}

func addLengths(ls ...Length) Length {
	var out Length
	for _, l := range ls {
		out.Max = satAdd(out.Max, l.Max)
		for _, p := range l.Open {
			out.Open = addOpen(out.Open, p)
		}
	}
	return out
}

func addOpen(ps []OpenPart, p OpenPart) []OpenPart {
	for i, q := range ps {
		if q.Kind == p.Kind && q.Desc == p.Desc && q.Fn == p.Fn && q.Param == p.Param && q.Path == p.Path {
			if p.Num*q.Den > q.Num*p.Den {
				ps[i].Num, ps[i].Den = p.Num, p.Den
			}
			return ps
		}
	}
	return append(ps, p)
}

func maxLengths(ls ...Length) Length {
	var out Length
	for _, l := range ls {
		out.Max = max(out.Max, l.Max)
		for _, p := range l.Open {
			out.Open = addOpen(out.Open, p)
		}
	}
	return out
}

// scaled returns the length of a function of s whose output is at most
// num/den times its input plus extra bytes; how names the function for the
// descriptions of the open parts.
func scaled(l Length, num, den, extra int, how string) Length {
	out := Length{Max: satAdd(int((int64(l.Max)*int64(num)+int64(den)-1)/int64(den)), extra)}
	if out.Max < 0 || out.Max > saturated {
		out.Max = saturated
	}
	for _, p := range l.Open {
		p.Num, p.Den = scaleRatio(p.Num*num, p.Den*den)
		if how != "" && p.Kind == OpenAttacker && !strings.Contains(p.Desc, escapedBy) {
			// The first escaping is the one worth naming; naming every
			// one would make descriptions grow without end in a loop.
			p.Desc += escapedBy + how
		}
		out.Open = addOpen(out.Open, p)
	}
	return out
}

const escapedBy = " escaped by "

// maxScale bounds the factor by which an open part is scaled: escaping in
// a loop multiplies it on every trip, and any factor this large already
// leaves no room in a 250-byte key.
const maxScale = 64

// scaleRatio reduces num/den and rounds it up to at most maxScale, with a
// denominator of at most maxScale, so that ratios stay few and comparable
// without overflow.
func scaleRatio(num, den int) (int, int) {
	if den <= 0 || num <= 0 {
		return num, den
	}
	g := gcd(num, den)
	num, den = num/g, den/g
	if num >= maxScale*den {
		return maxScale, 1
	}
	if den > maxScale {
		num, den = (num*maxScale+den-1)/den, maxScale
		g = gcd(num, den)
		num, den = num/g, den/g
	}
	return num, den
}

func gcd(a, b int) int {
	for b != 0 {
		a, b = b, a%b
	}
	return a
}

func capped(l Length, n int) Length {
	if l.Finite() && l.Max <= n {
		return l
	}
	return Length{Max: n}
}

func fixed(n int) Length { return Length{Max: n} }

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

// lengthAt returns the bound of v where it is used in block b: the length
// guards that every path to b passed cap it.
func (e *engine) lengthAt(v ssa.Value, b *ssa.BasicBlock) Length {
	l := e.length(v)
	if b == nil {
		return l
	}
	for _, g := range e.guardsOf(b.Parent()) {
		if g.maxLen >= 0 && e.sameVar(g.x, v) && e.guardedBy(b, []guard{g}) {
			l = capped(l, g.maxLen)
		}
	}
	return l
}

// lengthOnEdge returns the bound of v flowing along the edge pred -> succ
// into a phi: the edge itself may be the valid edge of a length guard.
func (e *engine) lengthOnEdge(v ssa.Value, pred, succ *ssa.BasicBlock) Length {
	l := e.lengthAt(v, pred)
	for _, g := range e.guardsOf(pred.Parent()) {
		if g.maxLen >= 0 && e.sameVar(g.x, v) && g.block == pred && pred.Succs[g.valid] == succ {
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
	switch x := v.(type) {
	case *ssa.Const:
		if s, ok := constString(x); ok {
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
		var ls []Length
		for i, edge := range x.Edges {
			ls = append(ls, e.lengthOnEdge(edge, x.Block().Preds[i], x.Block()))
		}
		return maxLengths(ls...)
	case *ssa.Convert:
		if isIntegerType(x.X.Type()) {
			return fixed(4) // string(rune)
		}
		return e.lengthAt(x.X, b)
	case *ssa.ChangeType:
		return e.lengthAt(x.X, b)
	case *ssa.MakeInterface:
		return e.lengthAt(x.X, b)
	case *ssa.TypeAssert:
		return e.lengthAt(x.X, b)
	case *ssa.Slice:
		l := e.lengthAt(x.X, b)
		if n, ok := constUpperBound(x.High); ok {
			return capped(l, n)
		}
		return l
	case *ssa.Call:
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
		if n, ok := constIntValue(x); ok && n >= 0 {
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
	if a, ok := t.Underlying().(*types.Array); ok && isByte(a.Elem()) {
		return int(a.Len()), true
	}
	if p, ok := t.Underlying().(*types.Pointer); ok {
		if a, ok := p.Elem().Underlying().(*types.Array); ok && isByte(a.Elem()) {
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

// callLength bounds the result of a call.
func (e *engine) callLength(call *ssa.Call) Length {
	c := call.Common()
	ce := e.calleeOf(c)
	as := args(c)
	b := call.Block()
	arg := func(i int) Length {
		if i < len(as) {
			return e.lengthAt(as[i], b)
		}
		return fixed(0)
	}
	if l, ok := e.modelLength(ce, b, as, arg); ok {
		return l
	}
	// argPart bounds a part of an argument (a field a summary names).
	argPart := func(i int, path string) Length {
		if path == "" || i >= len(as) {
			return arg(i)
		}
		return e.partLength(as[i], path, call)
	}
	if sums, known := e.summariesOf(c, ce); known {
		var ls []Length
		for _, s := range sums {
			if s.Sanitizer && s.ResultLen == nil {
				continue
			}
			ls = append(ls, e.applyResultLen(s.ResultLen, ce, argPart, call))
		}
		if len(ls) > 0 {
			return maxLengths(ls...)
		}
	}
	return e.opaqueLength(call)
}

// returnedBy names the wrapper an open part came out of. Two wrappers are
// named at most, and none twice, so that recursion cannot make
// descriptions (and with them the summaries) grow without end.
func returnedBy(desc, wrapper string) string {
	const sep = " returned by "
	if strings.Count(desc, sep) >= 2 || strings.Contains(desc, sep+wrapper) {
		return desc
	}
	return desc + sep + wrapper
}

func (e *engine) applyResultLen(rl *LenSummary, ce callee, arg func(int, string) Length, at ssa.Instruction) Length {
	if rl == nil {
		return Length{Open: []OpenPart{{Kind: OpenUnknown, Desc: "the result of " + shortName(ce.obj), Num: 1, Den: 1}}}
	}
	l := fixed(rl.Max)
	for _, p := range rl.Params {
		l = addLengths(l, scaled(arg(p.Param, p.Path), p.Num, p.Den, 0, ""))
	}
	for _, o := range rl.Open {
		desc := o.Desc
		if o.Kind == OpenAttacker || o.Kind == OpenUnknown {
			desc = returnedBy(desc, shortName(ce.obj))
		}
		l.Open = addOpen(l.Open, OpenPart{Kind: o.Kind, Desc: desc, Pos: at.Pos(), Num: 1, Den: 1})
	}
	return l
}

// modelLength bounds a call by the length rule of the callee's model row;
// ok is false if the row has none.
func (e *engine) modelLength(ce callee, b *ssa.BasicBlock, as []ssa.Value, arg func(int) Length) (Length, bool) {
	r := ce.row().Length
	switch r.Kind {
	case model.LengthFixed:
		return fixed(r.Max), true
	case model.LengthSameAs:
		return arg(r.Arg), true
	case model.LengthScaled:
		return scaled(arg(r.Arg), r.Num, r.Den, r.Max, r.How), true
	case model.LengthCollection:
		return e.collection(r.Desc), true
	case model.LengthSpecial:
		if h := handlers[ce.name].length; h != nil {
			return h(e, b, as, arg), true
		}
	}
	return Length{}, false
}

// urlEscapeLength is the length rule of a URL escaping function, how.
func urlEscapeLength(how string) lengthRule {
	return func(e *engine, b *ssa.BasicBlock, as []ssa.Value, _ func(int) Length) Length {
		return e.escapedLength(as[0], b, how, 0)
	}
}

func repeatLength(e *engine, _ *ssa.BasicBlock, as []ssa.Value, arg func(int) Length) Length {
	if c, ok := as[1].(*ssa.Const); ok {
		if n, ok := constIntValue(c); ok && n >= 0 {
			return scaled(arg(0), int(n), 1, 0, "")
		}
	}
	return e.collection("strings.Repeat with a variable count")
}

func timeFormatLength(_ *engine, _ *ssa.BasicBlock, as []ssa.Value, _ func(int) Length) Length {
	if s, ok := constString(as[1]); ok {
		return fixed(3*len(s) + 16) // every layout element grows at most threefold, plus a long zone or year
	}
	return Length{Open: []OpenPart{{Kind: OpenUnknown, Desc: "a time formatted with a variable layout", Num: 1, Den: 1}}}
}

func sprintfLength(e *engine, _ *ssa.BasicBlock, as []ssa.Value, _ func(int) Length) Length {
	return e.sprintfLength(as)
}

func sprintLength(e *engine, _ *ssa.BasicBlock, as []ssa.Value, _ func(int) Length) Length {
	ops, ok := variadic(as[0])
	if !ok {
		return e.opaqueLength(as[0])
	}
	l := fixed(len(ops))
	for _, op := range ops {
		l = addLengths(l, e.verbLength('v', op))
	}
	return l
}

// escapedLength bounds url.QueryEscape(v): constants escape to an exact
// length, and what hex, decimal or UUID formatting produced holds only
// unreserved characters, which escaping leaves alone; anything else may
// triple.
func (e *engine) escapedLength(v ssa.Value, b *ssa.BasicBlock, how string, depth int) Length {
	if depth < 8 {
		if s, ok := constString(v); ok {
			return fixed(len(url.QueryEscape(s)))
		}
		switch x := v.(type) {
		case *ssa.BinOp:
			if x.Op == token.ADD {
				return addLengths(e.escapedLength(x.X, x.Block(), how, depth+1), e.escapedLength(x.Y, x.Block(), how, depth+1))
			}
		case *ssa.Call:
			ce := e.calleeOf(x.Common())
			if ce.row().Unreserved {
				return e.length(x)
			}
			if h := handlers[ce.name].unreserved; h != nil && h(x) {
				return e.length(x)
			}
		}
	}
	return scaled(e.lengthAt(v, b), 3, 1, 0, how)
}

// unreservedSprintf reports whether a fmt.Sprintf call has a constant
// format of unreserved characters only.
func unreservedSprintf(call *ssa.Call) bool {
	f, ok := constString(call.Call.Args[0])
	return ok && unreservedFormat(f)
}

// unreservedFormat reports whether a format prints only unreserved
// characters: hex and decimal verbs and unreserved literals ("%x", "u-%d").
func unreservedFormat(f string) bool {
	pieces, ok := parseFormat(f)
	if !ok {
		return false
	}
	for _, p := range pieces {
		if p.operand < 0 {
			if url.QueryEscape(p.lit) != p.lit {
				return false
			}
		} else if p.verb != 'x' && p.verb != 'd' {
			return false
		}
	}
	return true
}

func formatIntLength(_ *engine, _ *ssa.BasicBlock, as []ssa.Value, _ func(int) Length) Length {
	if c, ok := as[1].(*ssa.Const); ok {
		if base, ok := constIntValue(c); ok && base >= 2 && base <= 36 {
			return fixed(int(math.Ceil(64/math.Log2(float64(base)))) + 1)
		}
	}
	return fixed(65)
}

func replaceLength(e *engine, _ *ssa.BasicBlock, as []ssa.Value, arg func(int) Length) Length {
	old, ok1 := constString(as[1])
	repl, ok2 := constString(as[2])
	if !ok1 || !ok2 || len(old) == 0 {
		return e.opaqueLength(as[0])
	}
	if len(repl) <= len(old) {
		return arg(0)
	}
	return scaled(arg(0), (len(repl)+len(old)-1)/len(old), 1, 0, "")
}

func (e *engine) collection(desc string) Length {
	return Length{Open: []OpenPart{{Kind: OpenCollection, Desc: desc, Num: 1, Den: 1}}}
}

func (e *engine) sprintfLength(as []ssa.Value) Length {
	f, ok := constString(as[0])
	if !ok {
		return e.opaqueLength(as[0])
	}
	pieces, ok := parseFormat(f)
	ops, ok2 := variadic(as[1])
	if !ok || !ok2 {
		return Length{Open: []OpenPart{{Kind: OpenUnknown, Desc: "fmt.Sprintf with format " + f, Num: 1, Den: 1}}}
	}
	var l Length
	for _, p := range pieces {
		if p.operand < 0 {
			l = addLengths(l, fixed(len(p.lit)))
		} else if p.operand < len(ops) {
			l = addLengths(l, e.verbLength(p.verb, ops[p.operand]))
		}
	}
	return l
}

// verbLength bounds what formatting x with verb prints (width flags aside).
func (e *engine) verbLength(verb rune, x ssa.Value) Length {
	t := x.Type()
	if b, ok := t.Underlying().(*types.Basic); ok {
		switch {
		case b.Info()&types.IsInteger != 0:
			if verb == 'x' || verb == 'X' || verb == 'o' || verb == 'b' {
				return fixed(65)
			}
			return fixed(intWidth(t))
		case b.Info()&types.IsBoolean != 0:
			return fixed(5)
		case b.Info()&types.IsFloat != 0:
			if verb == 'f' || verb == 'F' || verb == 'v' {
				return e.opaqueLength(x)
			}
			return fixed(24)
		}
	}
	if n, ok := arrayLen(t); ok {
		if verb == 'x' || verb == 'X' {
			return fixed(2 * n)
		}
		return fixed(4*n + 2)
	}
	if spaced, what := printsWithSpaces(t); spaced {
		return e.collection("fmt's rendering of " + what)
	}
	l := e.length(x)
	switch verb {
	case 'x', 'X':
		return scaled(l, 2, 1, 0, "fmt's %x")
	case 'q':
		return scaled(l, 10, 1, 2, "")
	}
	return l
}

// LenSummary bounds a function's result by constants and its parameters.
type LenSummary struct {
	Max    int
	Params []ScaledParam
	Open   []OpenSummary

	widened int // rounds in which Max grew, for widening
}

// ScaledParam: the result holds up to Num/Den times parameter Param (or
// its part Path).
type ScaledParam struct {
	Param, Num, Den int
	Path            string
}

// OpenSummary is an unbounded part of a result that is not a parameter.
type OpenSummary struct {
	Kind OpenKind
	Desc string
}

func (e *engine) summarizeLength(fn *ssa.Function, l Length) *LenSummary {
	s := &LenSummary{Max: l.Max}
	for _, p := range l.Open {
		if p.Kind == OpenParam && p.Fn == fn {
			s.Params = append(s.Params, ScaledParam{Param: p.Param, Path: p.Path, Num: p.Num, Den: p.Den})
			continue
		}
		if p.Kind == OpenParam {
			p.Kind = OpenUnknown // a free variable's parameter: not this function's
		}
		if !slices.ContainsFunc(s.Open, func(o OpenSummary) bool { return o.Kind == p.Kind && o.Desc == p.Desc }) {
			s.Open = append(s.Open, OpenSummary{Kind: p.Kind, Desc: p.Desc})
		}
	}
	return s
}
