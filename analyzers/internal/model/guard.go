package model

// Guard says what a condition on a call's result proves about the text it
// was given: the unsafe bytes the text cannot hold on the branch where the
// condition holds, or found nothing, and sometimes its length.
type Guard uint8

const (
	NoGuard Guard = iota
	// GuardIndexAny: Index(x, chars) compared with -1 or 0 tells whether x
	// holds any of chars (a constant string, byte or rune).
	GuardIndexAny
	// GuardIndexSubstring: like GuardIndexAny for a substring, which
	// proves something only when it is a single byte.
	GuardIndexSubstring
	// GuardContainsAny: Contains(x, chars) tells whether x holds any of
	// chars (a constant string, byte or rune).
	GuardContainsAny
	// GuardContainsSubstring: like GuardContainsAny for a substring of a
	// single byte.
	GuardContainsSubstring
	// GuardMatch: Match(pattern, x) with a constant anchored pattern
	// proves x holds only what the pattern matches, and no more bytes
	// than its longest match.
	GuardMatch
	// GuardMatchCompiled: the method form, re.Match(x), with re compiled
	// from a constant pattern (see CompilesRegexp).
	GuardMatchCompiled
)
