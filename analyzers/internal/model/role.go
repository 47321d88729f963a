package model

// Role names what a function does for code that recognizes its calls
// outside the taint rules: the exposure analyzer's constant folding, the
// fixes that rewrite key expressions, the reading of hand-written
// commands.
type Role uint8

const (
	NoRole Role = iota
	// Printf: fmt.Sprintf(format, operands...).
	Printf
	// Print: fmt.Sprint(operands...), a space between two non-strings.
	Print
	// Println: fmt.Sprintln(operands...), spaces between all, a newline.
	Println
	// JoinStrings: strings.Join(elems, sep).
	JoinStrings
	// JoinHostPort: net.JoinHostPort(host, port).
	JoinHostPort
	// FormatDecimal: strconv.Itoa(n).
	FormatDecimal
	// SplitFields: strings.Fields(s).
	SplitFields
	// SplitSeparator: strings.Split(s, sep).
	SplitSeparator
	// CompilesRegexp: the result is a *regexp.Regexp compiled from the
	// pattern in argument 0.
	CompilesRegexp
	// CompilesPOSIX: likewise with POSIX syntax, in which ^ and $ match
	// at line boundaries: `^[a-z]+$` matches "ab\n!!".
	CompilesPOSIX
	// BuildsReplacer: the result is a *strings.Replacer built from the
	// old, new pairs of its variadic argument.
	BuildsReplacer
	// SetsFallbackTag: a method of an encoder that makes it read the
	// struct tag named by its argument 1 where its own tag is absent
	// (msgpack's SetCustomStructTag).
	SetsFallbackTag
)
