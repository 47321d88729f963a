package flow

import (
	"regexp/syntax"

	"github.com/cachevet/cachevet/analyzers/internal/model"
	"github.com/cachevet/cachevet/analyzers/internal/ssautil"
	"golang.org/x/tools/go/ssa"
)

// regexpPattern finds the constant pattern a *regexp.Regexp was compiled
// from, through package variables set by the initializer.
func (e *engine) regexpPattern(re ssa.Value) (string, bool) {
	call, ok := e.resolve(re).(*ssa.Call)
	if !ok {
		return "", false
	}
	if e.calleeOf(call.Common()).row().Role != model.CompilesRegexp {
		return "", false
	}
	return ssautil.ConstString(call.Call.Args[0])
}

// regexpCondition is what a match of an anchored pattern proves: the
// unsafe bytes it cannot match are absent and the text is no longer than
// the longest match.
func regexpCondition(pattern string, x ssa.Value, whenTrue bool) (condition, bool) {
	re, err := syntax.Parse(pattern, syntax.Perl)
	if err != nil {
		return condition{}, false
	}
	re = re.Simplify()
	if !anchored(re) {
		return condition{}, false
	}
	c := condition{x: x, removes: model.AnyUnsafe &^ matchable(re), whenTrue: whenTrue, maxLen: -1}
	if n, ok := maxMatchLen(re); ok {
		c.maxLen = n
	}
	return c, c.removes != 0 || c.maxLen >= 0
}

// maxMatchLen returns the longest text in bytes re can match, if finite.
func maxMatchLen(re *syntax.Regexp) (int, bool) {
	runeWidth := func(r rune) int {
		switch {
		case r < 0x80:
			return 1
		case r < 0x800:
			return 2
		case r < 0x10000:
			return 3
		}
		return 4
	}
	switch re.Op {
	case syntax.OpLiteral:
		n := 0
		for _, r := range re.Rune {
			n += runeWidth(r)
		}
		return n, true
	case syntax.OpCharClass:
		w := 1
		if len(re.Rune) > 0 {
			w = runeWidth(re.Rune[len(re.Rune)-1])
		}
		return w, true
	case syntax.OpAnyChar, syntax.OpAnyCharNotNL:
		return 4, true
	case syntax.OpStar, syntax.OpPlus:
		return 0, false
	case syntax.OpRepeat:
		if re.Max < 0 {
			return 0, false
		}
		n, ok := maxMatchLen(re.Sub[0])
		return n * re.Max, ok
	case syntax.OpConcat:
		return subMatchLens(re.Sub, func(a, b int) int { return a + b })
	case syntax.OpAlternate:
		return subMatchLens(re.Sub, func(a, b int) int { return max(a, b) })
	case syntax.OpCapture, syntax.OpQuest:
		return maxMatchLen(re.Sub[0])
	}
	return 0, true // anchors, boundaries, empty
}

// subMatchLens combines the longest matches of subs with join, if all are
// finite.
func subMatchLens(subs []*syntax.Regexp, join func(a, b int) int) (int, bool) {
	n := 0
	for _, sub := range subs {
		m, ok := maxMatchLen(sub)
		if !ok {
			return 0, false
		}
		n = join(n, m)
	}
	return n, true
}

func anchored(re *syntax.Regexp) bool {
	switch re.Op {
	case syntax.OpConcat:
		if len(re.Sub) < 2 {
			return false
		}
		return re.Sub[0].Op == syntax.OpBeginText && re.Sub[len(re.Sub)-1].Op == syntax.OpEndText
	case syntax.OpCapture:
		return anchored(re.Sub[0])
	case syntax.OpAlternate:
		for _, s := range re.Sub {
			if !anchored(s) {
				return false
			}
		}
		return true
	}
	return false
}

// matchable returns the unsafe bytes re can match anywhere.
func matchable(re *syntax.Regexp) model.ByteSet {
	var set model.ByteSet
	switch re.Op {
	case syntax.OpAnyChar, syntax.OpAnyCharNotNL:
		set = model.AnyUnsafe
		if re.Op == syntax.OpAnyCharNotNL {
			set &^= model.ByteBit('\n')
		}
	case syntax.OpLiteral:
		for _, r := range re.Rune {
			if r < 0x80 {
				set |= model.ByteBit(byte(r))
				if re.Flags&syntax.FoldCase != 0 {
					set |= model.ByteBit(byte(r) ^ 0x20)
				}
			}
		}
	case syntax.OpCharClass:
		for i := 0; i+1 < len(re.Rune); i += 2 {
			lo, hi := re.Rune[i], re.Rune[i+1]
			for r := lo; r <= hi && r < 0x80; r++ {
				set |= model.ByteBit(byte(r))
			}
		}
	}
	for _, sub := range re.Sub {
		set |= matchable(sub)
	}
	return set
}
