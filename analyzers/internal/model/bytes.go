package model

import "strings"

// ByteSet is a set of the bytes that are unsafe in a memcached key: the
// control bytes 0x00-0x1f, the space 0x20 and DEL 0x7f. These are exactly the
// bytes gomemcache's legalKey rejects, and the superset of what breaks the
// text protocol (space splits tokens, LF ends the line, NUL truncates it).
//
// Bit b (b <= 0x20) stands for byte b; bit 33 stands for 0x7f.
type ByteSet uint64

const delBit = 33

// AnyUnsafe is the set of every unsafe byte: what raw attacker input may hold.
const AnyUnsafe ByteSet = 1<<(delBit+1) - 1

// Whitespace is what strings.Fields and unicode.IsSpace remove among the
// unsafe bytes: \t \n \v \f \r and space.
const Whitespace ByteSet = 1<<'\t' | 1<<'\n' | 1<<'\v' | 1<<'\f' | 1<<'\r' | 1<<' '

// Splitting is the subset that changes how memcached tokenizes a text
// command: a space separates tokens, LF ends the command line (memcached
// strips an optional CR before it), NUL truncates the line.
const Splitting ByteSet = 1<<' ' | 1<<'\n' | 1<<0

// ByteBit returns the singleton set of b, or the empty set if b is safe.
func ByteBit(b byte) ByteSet {
	switch {
	case b <= 0x20:
		return 1 << b
	case b == 0x7f:
		return 1 << delBit
	}
	return 0
}

// UnsafeBytesIn returns the unsafe bytes that occur in s.
func UnsafeBytesIn(s string) ByteSet {
	var set ByteSet
	for i := 0; i < len(s); i++ {
		set |= ByteBit(s[i])
	}
	return set
}

// Has reports whether b is in the set.
func (s ByteSet) Has(b byte) bool { return s&ByteBit(b) != 0 && ByteBit(b) != 0 }

// String names the bytes for a diagnostic: "space, CR, LF and 3 other control bytes".
func (s ByteSet) String() string {
	switch {
	case s == 0:
		return "no unsafe byte"
	case s == AnyUnsafe:
		return "a space, CR/LF or other control byte"
	case s&Whitespace == Whitespace:
		// What strings.Fields and friends leave behind.
		if s == Whitespace {
			return "whitespace"
		}
		return "whitespace or other control bytes"
	}
	var names []string
	if s.Has(' ') {
		names = append(names, "a space")
	}
	if s.Has('\r') && s.Has('\n') {
		names = append(names, "CR/LF")
	} else if s.Has('\n') {
		names = append(names, "LF")
	} else if s.Has('\r') {
		names = append(names, "CR")
	}
	if s.Has('\t') {
		names = append(names, "a tab")
	}
	if s.Has(0) {
		names = append(names, "NUL")
	}
	others := 0
	for b := 0; b < 0x20; b++ {
		if b == '\r' || b == '\n' || b == '\t' || b == 0 {
			continue
		}
		if s.Has(byte(b)) {
			others++
		}
	}
	if s.Has(0x7f) {
		others++
	}
	switch {
	case others == 1 && len(names) == 0:
		return "a control byte"
	case others == 1:
		names = append(names, "another control byte")
	case others > 1 && len(names) == 0:
		return "control bytes"
	case others > 1:
		names = append(names, "other control bytes")
	}
	if len(names) == 1 {
		return names[0]
	}
	return strings.Join(names[:len(names)-1], ", ") + " or " + names[len(names)-1]
}
