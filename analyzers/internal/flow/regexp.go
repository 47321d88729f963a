package flow

import (
	"go/types"
	"regexp/syntax"

	"github.com/cachevet/cachevet/analyzers/internal/model"
	"github.com/cachevet/cachevet/analyzers/internal/ssautil"
	"golang.org/x/tools/go/ssa"
)

// A Pattern is the constant expression a *regexp.Regexp was compiled
// from, and whether with POSIX syntax. Package variables holding one are
// exported as facts, so that a guard may use a pattern of another
// package.
type Pattern struct {
	Expr  string
	POSIX bool
}

// regexpPattern finds the pattern a *regexp.Regexp was compiled from:
// a compile call with a constant pattern, through package variables set
// once by the initializer, or a package variable of another package
// whose pattern that package exported.
func (e *engine) regexpPattern(re ssa.Value) (Pattern, bool) {
	switch x := e.resolve(re).(type) {
	case *ssa.Call:
		return e.compiledPattern(x)
	case *ssa.UnOp:
		if g, ok := x.X.(*ssa.Global); ok && g.Pkg != e.pkg && e.cfg.ImportPattern != nil {
			if v, ok := g.Object().(*types.Var); ok {
				return e.cfg.ImportPattern(v)
			}
		}
	}
	return Pattern{}, false
}

// compiledPattern reads a call of a regexp compile function.
func (e *engine) compiledPattern(call *ssa.Call) (Pattern, bool) {
	role := e.calleeOf(call.Common()).row().Role
	if role != model.CompilesRegexp && role != model.CompilesPOSIX {
		return Pattern{}, false
	}
	expr, ok := ssautil.ConstString(call.Call.Args[0])
	return Pattern{Expr: expr, POSIX: role == model.CompilesPOSIX}, ok
}

// packagePatterns are the patterns of the package's variables that the
// initializer compiles once and nothing assigns again, for export.
func (e *engine) packagePatterns() map[*types.Var]Pattern {
	out := make(map[*types.Var]Pattern)
	for g, stores := range e.initStores {
		v, ok := g.Object().(*types.Var)
		if !ok || len(stores) != 1 {
			continue
		}
		if call, ok := e.resolve(stores[0]).(*ssa.Call); ok {
			if p, ok := e.compiledPattern(call); ok {
				out[v] = p
			}
		}
	}
	return out
}

// regexpCondition is what a match of an anchored pattern proves: the
// unsafe bytes it cannot match are absent and the text is no longer than
// the longest match. In POSIX syntax ^ and $ match at line boundaries
// (regexp/syntax.POSIX has no OneLine), so such a pattern is anchored
// only by \A and \z, which POSIX syntax does not have: it proves nothing.
func regexpCondition(p Pattern, x ssa.Value, whenTrue bool) (condition, bool) {
	flags := syntax.Perl
	if p.POSIX {
		flags = syntax.POSIX
	}
	re, err := syntax.Parse(p.Expr, flags)
	if err != nil {
		return condition{}, false
	}
	re = re.Simplify()
	if !anchored(re) {
		return condition{}, false
	}
	maxLen := model.NoBound
	if n, ok := maxMatchLen(re); ok {
		maxLen = n
	}
	c := condition{x: x, whenTrue: whenTrue, proof: proofOf(model.AnyUnsafe&^matchable(re), maxLen)}
	return c, c.says()
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
