package flow

import (
	"strings"

	"github.com/cachevet/cachevet/analyzers/internal/ssautil"
	"golang.org/x/tools/go/ssa"
)

// formatPiece is one piece of a parsed fmt format: a literal run, or a verb
// with the index of its operand.
type formatPiece struct {
	lit     string
	verb    rune
	operand int // -1 for literals
	sharp   bool
}

// parseFormat splits a constant fmt format into literals and verbs. ok is
// false for formats it does not follow (explicit argument indexes), which
// callers then treat conservatively.
func parseFormat(format string) (pieces []formatPiece, ok bool) {
	operand := 0
	var lit strings.Builder
	flush := func() {
		if lit.Len() > 0 {
			pieces = append(pieces, formatPiece{lit: lit.String(), operand: -1})
			lit.Reset()
		}
	}
	for i := 0; i < len(format); i++ {
		c := format[i]
		if c != '%' {
			lit.WriteByte(c)
			continue
		}
		i++
		if i >= len(format) {
			lit.WriteByte('%')
			break
		}
		if format[i] == '%' {
			lit.WriteByte('%')
			continue
		}
		sharp := false
		// flags, width, precision
		for ; i < len(format); i++ {
			c := format[i]
			switch {
			case c == '#':
				sharp = true
			case c == '+' || c == '-' || c == ' ' || c == '0' || c == '.' || (c >= '1' && c <= '9'):
			case c == '*':
				operand++ // the width or precision consumes an operand
			case c == '[':
				return nil, false
			default:
				goto verb
			}
		}
	verb:
		if i >= len(format) {
			break
		}
		flush()
		pieces = append(pieces, formatPiece{verb: rune(format[i]), operand: operand, sharp: sharp})
		operand++
	}
	flush()
	return pieces, true
}

// formatCall reads a fmt call with a constant format: the pieces of the
// format and the operands packed into its variadic slice.
func formatCall(format string, packed ssa.Value) ([]formatPiece, []ssa.Value, bool) {
	pieces, ok := parseFormat(format)
	if !ok {
		return nil, nil, false
	}
	ops, ok := ssautil.Variadic(packed)
	if !ok {
		return nil, nil, false
	}
	return pieces, ops, true
}
