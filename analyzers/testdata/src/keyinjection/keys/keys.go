// Package keys validates cache keys the way services do, without any
// cachevet annotation: its validators are inferred from their bodies and
// reach the callers in keyinjection/validators as facts.
package keys

import (
	"errors"
	"fmt"
	"regexp"
	"strings"
)

// Valid reports whether s is a key: 1 to 64 bytes of [a-z0-9:].
func Valid(s string) bool {
	if len(s) == 0 || len(s) > 64 {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case 'a' <= c && c <= 'z', '0' <= c && c <= '9', c == ':':
		default:
			return false
		}
	}
	return true
}

var ErrInvalid = errors.New("invalid key")

// Check wraps Valid in an error.
func Check(s string) error {
	if !Valid(s) {
		return ErrInvalid
	}
	return nil
}

// CheckField wraps Check once more, with context.
func CheckField(name, s string) error {
	if err := Check(s); err != nil {
		return fmt.Errorf("%s: %w", name, err)
	}
	return nil
}

// NoSpaces is a look-alike: it rejects spaces and nothing else.
func NoSpaces(s string) bool {
	for _, r := range s {
		if r == ' ' {
			return false
		}
	}
	return true
}

// Printable is another: strings.ContainsAny with the usual three bytes
// lets a tab and other control bytes through.
func Printable(s string) error {
	if strings.ContainsAny(s, " \r\n") {
		return ErrInvalid
	}
	return nil
}

// KeyRE is an anchored pattern: a match is a key.
var KeyRE = regexp.MustCompile(`^[a-zA-Z0-9_:-]{1,128}$`)

// WordRE matches words: \w is [0-9A-Za-z_].
var WordRE = regexp.MustCompile(`^\w+$`)

// NonSpaceRE looks like a key pattern, but \S is anything but
// [\t\n\f\r ]: \v, NUL, the other control bytes and DEL match.
var NonSpaceRE = regexp.MustCompile(`^\S+$`)

// PrefixRE is anchored at the start only.
var PrefixRE = regexp.MustCompile(`^[a-z]+`)

// Key returns s if it is a key and a constant otherwise: a sanitizer by
// its body.
func Key(s string) string {
	if Valid(s) {
		return s
	}
	return "invalid"
}
