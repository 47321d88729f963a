package flow

import (
	"go/token"
	"math"
	"strings"

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

// addLengths bounds a concatenation: the bounds add up.
func addLengths(ls ...Length) Length { return joinLengths(ls, satAdd) }

// maxLengths bounds one of several values: the largest bound.
func maxLengths(ls ...Length) Length {
	return joinLengths(ls, func(a, b int) int { return max(a, b) })
}

// joinLengths combines the bounds of ls with join; every open part of
// any of them is open in the result.
func joinLengths(ls []Length, join func(a, b int) int) Length {
	var out Length
	for _, l := range ls {
		out.Max = join(out.Max, l.Max)
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
