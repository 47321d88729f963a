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
	// GuardContainsFunc: ContainsFunc(x, f) false means x holds no byte
	// for which f, run by the rune interpreter, returns true.
	GuardContainsFunc
	// GuardIndexFunc: IndexFunc(x, f) compared with -1 or 0, likewise.
	GuardIndexFunc
	// GuardMatch: Match(pattern, x) with a constant anchored pattern
	// proves x holds only what the pattern matches, and no more bytes
	// than its longest match.
	GuardMatch
	// GuardMatchCompiled: the method form, re.Match(x), with re compiled
	// from a constant pattern (see CompilesRegexp and CompilesPOSIX).
	GuardMatchCompiled
	// GuardMember: Contains(list, x) true means x is one of the elements
	// of list, a constant slice (slices.Contains).
	GuardMember
	// GuardMemberIndex: Index(list, x) compared with -1 or 0, likewise
	// (slices.Index).
	GuardMemberIndex
)

// A Validation is what a successful call proves about one of its
// arguments: a library validator's row (Func.Validates), or what cachevet
// inferred from a function's body or was told by a //cachevet:validator.
type Validation struct {
	// Arg is the argument proven, the receiver of a method being 0.
	Arg int
	// Removes are the unsafe bytes the argument cannot hold.
	Removes ByteSet
	// MaxLen bounds the argument's length in bytes; NoBound if nothing
	// bounds it.
	MaxLen  int
	Success Success
}

// NoBound is the MaxLen of a validation that says nothing of length.
const NoBound = -1

// Success says which outcome of a call is the successful one.
type Success uint8

const (
	// NilError: the last result, an error, is nil.
	NilError Success = iota
	// TrueResult: the result, a bool, is true.
	TrueResult
	// NonNilResult: the result, a slice or pointer, is not nil
	// (net.ParseIP).
	NonNilResult
)
