package flow

import (
	"regexp/syntax"
	"testing"

	"github.com/cachevet/cachevet/analyzers/internal/model"
)

func parseRegexp(t *testing.T, pattern string) *syntax.Regexp {
	t.Helper()
	re, err := syntax.Parse(pattern, syntax.Perl)
	if err != nil {
		t.Fatalf("%s: %v", pattern, err)
	}
	return re.Simplify()
}

// perlSpace is what RE2's \s matches: \t \n \f \r and space, not \v.
const perlSpace = model.ByteSet(1<<'\t' | 1<<'\n' | 1<<'\f' | 1<<'\r' | 1<<' ')

func TestRegexpCondition(t *testing.T) {
	const none = -1
	for _, tc := range []struct {
		pattern string
		posix   bool
		ok      bool
		removes model.ByteSet // what a match proves absent
		maxLen  int
	}{
		{`^[a-z0-9]+$`, false, true, model.AnyUnsafe, none},
		{`^[a-z0-9]{1,32}$`, false, true, model.AnyUnsafe, 32},
		{`^[a-z ]{1,8}$`, false, true, model.AnyUnsafe &^ model.ByteBit(' '), 8},
		{`^\w+$`, false, true, model.AnyUnsafe, none},
		{`^\S+$`, false, true, perlSpace, none},
		{`^.+$`, false, true, model.ByteBit('\n'), none}, // . matches all but LF
		{`(?s)^.{0,10}$`, false, true, 0, 40},            // a rune is up to 4 bytes
		{`^(get|set)$`, false, true, model.AnyUnsafe, 3}, // alternation: the longer branch
		{`^é{2}$`, false, true, model.AnyUnsafe, 4},      // two-byte runes
		{`^(?i)k$`, false, true, model.AnyUnsafe, 1},
		{`^a$|^bb$`, false, true, model.AnyUnsafe, 2}, // every branch anchored
		{`[a-z]+`, false, false, 0, 0},                // unanchored: proves nothing
		{`^[a-z]+`, false, false, 0, 0},               // anchored at one end only
		{`^a$|b`, false, false, 0, 0},                 // one branch unanchored
		{`(?s)^.*$`, false, false, 0, 0},              // anchored but proves nothing
		{`^[`, false, false, 0, 0},                    // does not compile
		// \S is not \s, whose RE2 class is [\t\n\f\r ]: \v, the other
		// control bytes and DEL still match.
		{`^\S{1,8}$`, false, true, perlSpace, 32},
		{`\A[a-z]+\z`, false, true, model.AnyUnsafe, none},
		// POSIX ^ and $ match at line boundaries: "ab\n!!" matches.
		{`^[a-z]+$`, true, false, 0, 0},
		{`^[a-z]{1,8}$`, true, false, 0, 0},
	} {
		c, ok := regexpCondition(Pattern{Expr: tc.pattern, POSIX: tc.posix}, nil, true)
		if ok != tc.ok {
			t.Errorf("%s: ok = %v, want %v", tc.pattern, ok, tc.ok)
			continue
		}
		if !ok {
			continue
		}
		if c.removes != tc.removes || c.maxLen != tc.maxLen || !c.whenTrue {
			t.Errorf("%s: removes %v, maxLen %d, whenTrue %v; want removes %v, maxLen %d, whenTrue", tc.pattern, c.removes, c.maxLen, c.whenTrue, tc.removes, tc.maxLen)
		}
	}
}

func TestMatchable(t *testing.T) {
	for _, tc := range []struct {
		pattern string
		want    model.ByteSet
	}{
		{`abc`, 0},
		{`a b`, model.ByteBit(' ')},
		{`[\x00-\x1f]`, model.AnyUnsafe &^ model.ByteBit(' ') &^ model.ByteBit(0x7f)},
		{`[^a-z]`, model.AnyUnsafe},
		{`\s`, perlSpace},
		{`(?s).`, model.AnyUnsafe},
		{`.`, model.AnyUnsafe &^ model.ByteBit('\n')},
		{`\t|\r\n`, model.ByteBit('\t') | model.ByteBit('\r') | model.ByteBit('\n')},
		{`x*`, 0},
	} {
		if got := matchable(parseRegexp(t, tc.pattern)); got != tc.want {
			t.Errorf("matchable(%s) = %v (%#x), want %v (%#x)", tc.pattern, got, uint64(got), tc.want, uint64(tc.want))
		}
	}
}

func TestMaxMatchLen(t *testing.T) {
	for _, tc := range []struct {
		pattern string
		want    int
		ok      bool
	}{
		{`abc`, 3, true},
		{`a{3,5}`, 5, true},
		{`[a-z]{2}-[0-9]{4}`, 7, true},
		{`a?b`, 2, true},
		{`a+`, 0, false},
		{`a*`, 0, false},
		{`a{2,}`, 0, false},
		{`日本`, 6, true},
		{`\b`, 0, true},
	} {
		got, ok := maxMatchLen(parseRegexp(t, tc.pattern))
		if ok != tc.ok || ok && got != tc.want {
			t.Errorf("maxMatchLen(%s) = %d, %v; want %d, %v", tc.pattern, got, ok, tc.want, tc.ok)
		}
	}
}
