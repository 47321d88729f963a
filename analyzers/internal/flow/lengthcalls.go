package flow

import (
	"go/token"
	"go/types"
	"math"
	"net/url"
	"strings"

	"github.com/cachevet/cachevet/analyzers/internal/model"
	"github.com/cachevet/cachevet/analyzers/internal/ssautil"
	"golang.org/x/tools/go/ssa"
)

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
		return Length{Open: []OpenPart{{Kind: OpenUnknown, Desc: "the result of " + e.shortName(ce.obj), Num: 1, Den: 1}}}
	}
	l := fixed(rl.Max)
	for _, p := range rl.Params {
		l = addLengths(l, scaled(arg(p.Param, p.Path), p.Num, p.Den, 0, ""))
	}
	for _, o := range rl.Open {
		desc := o.Desc
		if o.Kind == OpenAttacker || o.Kind == OpenUnknown {
			desc = returnedBy(desc, e.shortName(ce.obj))
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
		if l, ok := e.literalJoinLength(b, as); ok {
			return l, true
		}
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
		if n, ok := ssautil.ConstInt(c); ok && n >= 0 {
			return scaled(arg(0), int(n), 1, 0, "")
		}
	}
	return e.collection("strings.Repeat with a variable count")
}

func timeFormatLength(_ *engine, _ *ssa.BasicBlock, as []ssa.Value, _ func(int) Length) Length {
	if s, ok := ssautil.ConstString(as[1]); ok {
		return fixed(3*len(s) + 16) // every layout element grows at most threefold, plus a long zone or year
	}
	return Length{Open: []OpenPart{{Kind: OpenUnknown, Desc: "a time formatted with a variable layout", Num: 1, Den: 1}}}
}

func sprintfLength(e *engine, _ *ssa.BasicBlock, as []ssa.Value, _ func(int) Length) Length {
	return e.sprintfLength(as)
}

func sprintLength(e *engine, _ *ssa.BasicBlock, as []ssa.Value, _ func(int) Length) Length {
	ops, ok := ssautil.Variadic(as[0])
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
		if s, ok := ssautil.ConstString(v); ok {
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
	f, ok := ssautil.ConstString(call.Call.Args[0])
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
		if base, ok := ssautil.ConstInt(c); ok && base >= 2 && base <= 36 {
			return fixed(int(math.Ceil(64/math.Log2(float64(base)))) + 1)
		}
	}
	return fixed(65)
}

func replaceLength(e *engine, _ *ssa.BasicBlock, as []ssa.Value, arg func(int) Length) Length {
	old, ok1 := ssautil.ConstString(as[1])
	repl, ok2 := ssautil.ConstString(as[2])
	if !ok1 || !ok2 || len(old) == 0 {
		return e.opaqueLength(as[0])
	}
	if len(repl) <= len(old) {
		return arg(0)
	}
	return scaled(arg(0), (len(repl)+len(old)-1)/len(old), 1, 0, "")
}

// literalJoinLength bounds a join (strings.Join(elems, sep)) of a slice
// literal, []string{verb, name, start}: its elements and separators, each
// as long as it is. A slice that is built or changed elsewhere is a
// collection of unknown size.
func (e *engine) literalJoinLength(b *ssa.BasicBlock, as []ssa.Value) (Length, bool) {
	if len(as) != 2 {
		return Length{}, false
	}
	sep, ok := ssautil.ConstString(as[1])
	if !ok || !literalOnce(as[0]) {
		return Length{}, false
	}
	elems, ok := ssautil.Variadic(as[0])
	if !ok || len(elems) == 0 {
		return Length{}, false
	}
	l := fixed(len(sep) * (len(elems) - 1))
	for _, el := range elems {
		l = addLengths(l, e.lengthAt(el, b))
	}
	return l, true
}

// literalOnce reports whether v slices an array whose elements are each
// stored once, by the literal, and then only read.
func literalOnce(v ssa.Value) bool {
	sl, ok := v.(*ssa.Slice)
	if !ok {
		return false
	}
	alloc, ok := sl.X.(*ssa.Alloc)
	if !ok {
		return false
	}
	arr, ok := alloc.Type().Underlying().(*types.Pointer).Elem().Underlying().(*types.Array)
	if !ok {
		return false
	}
	stores := int64(0)
	for _, ref := range *alloc.Referrers() {
		if ref == sl {
			continue
		}
		ia, ok := ref.(*ssa.IndexAddr)
		if !ok {
			return false
		}
		for _, use := range *ia.Referrers() {
			if _, ok := use.(*ssa.Store); ok {
				stores++
			}
		}
	}
	for _, ref := range *sl.Referrers() {
		if _, ok := ref.(ssa.CallInstruction); !ok {
			return false // stored, or sliced and written: not just the literal
		}
	}
	return stores == arr.Len()
}

func (e *engine) collection(desc string) Length {
	return Length{Open: []OpenPart{{Kind: OpenCollection, Desc: desc, Num: 1, Den: 1}}}
}

func (e *engine) sprintfLength(as []ssa.Value) Length {
	f, ok := ssautil.ConstString(as[0])
	if !ok {
		return e.opaqueLength(as[0])
	}
	pieces, ops, ok := formatCall(f, as[1])
	if !ok {
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
