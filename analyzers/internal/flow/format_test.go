package flow

import (
	"reflect"
	"testing"
)

func TestParseFormat(t *testing.T) {
	lit := func(s string) formatPiece { return formatPiece{lit: s, operand: -1} }
	verb := func(v rune, operand int) formatPiece { return formatPiece{verb: v, operand: operand} }
	for _, tc := range []struct {
		format string
		want   []formatPiece
		ok     bool
	}{
		{"", nil, true},
		{"user:%s", []formatPiece{lit("user:"), verb('s', 0)}, true},
		{"%d-%x", []formatPiece{verb('d', 0), lit("-"), verb('x', 1)}, true},
		{"100%%", []formatPiece{lit("100%")}, true},
		{"%%%s%%", []formatPiece{lit("%"), verb('s', 0), lit("%")}, true},
		{"%#v", []formatPiece{{verb: 'v', operand: 0, sharp: true}}, true},
		{"%-08.3f|%+q", []formatPiece{verb('f', 0), lit("|"), verb('q', 1)}, true},
		// A * width takes an operand of its own.
		{"%*d:%s", []formatPiece{verb('d', 1), lit(":"), verb('s', 2)}, true},
		{"%.*s", []formatPiece{verb('s', 1)}, true},
		// A trailing % is printed as is; a verb cut off by the end is dropped.
		{"50%", []formatPiece{lit("50%")}, true},
		{"a%5", []formatPiece{lit("a")}, true},
		// Explicit argument indexes are not followed.
		{"%[2]s %[1]s", nil, false},
		{"%s %[1]s", nil, false},
	} {
		got, ok := parseFormat(tc.format)
		if ok != tc.ok || ok && !reflect.DeepEqual(got, tc.want) {
			t.Errorf("parseFormat(%q) = %+v, %v; want %+v, %v", tc.format, got, ok, tc.want, tc.ok)
		}
	}
}

func TestUnreservedFormat(t *testing.T) {
	for _, tc := range []struct {
		format string
		want   bool
	}{
		{"%x", true},
		{"u-%d.%d_%x~", true},
		{"%X", false},      // only the verbs known to print unreserved text
		{"user:%d", false}, // ':' is escaped
		{"%s", false},
		{"%v", false},
		{"a b%d", false},
		{"%[1]d", false},
	} {
		if got := unreservedFormat(tc.format); got != tc.want {
			t.Errorf("unreservedFormat(%q) = %v, want %v", tc.format, got, tc.want)
		}
	}
}
