package cacheserver

// Number parsing with the exact semantics of memcached's safe_strtol,
// safe_strtoul and safe_strtoull (util.c) on a 64-bit Linux build. These
// quirks are part of the wire behaviour: lengths and exptimes are parsed as
// 64-bit longs and then truncated to int32, flags are truncated to uint32,
// a '-' is accepted by the unsigned parsers unless the result looks
// negative as a signed number, and any C whitespace may end a number.

// isCSpace reports whether b is a C isspace() character.
func isCSpace(b byte) bool {
	return b == ' ' || b == '\t' || b == '\n' || b == '\v' || b == '\f' || b == '\r'
}

// scanDecimal parses like strtoull in base 10: leading whitespace, an
// optional sign, then digits. It returns the magnitude, whether a '-' was
// seen, the index just past the digits, and whether the magnitude overflowed.
func scanDecimal(s []byte) (mag uint64, neg bool, end int, digits int, overflow bool) {
	i := 0
	for i < len(s) && isCSpace(s[i]) {
		i++
	}
	if i < len(s) && (s[i] == '+' || s[i] == '-') {
		neg = s[i] == '-'
		i++
	}
	for ; i < len(s) && s[i] >= '0' && s[i] <= '9'; i++ {
		d := uint64(s[i] - '0')
		if mag > (^uint64(0)-d)/10 {
			overflow = true
		}
		mag = mag*10 + d
		digits++
	}
	return mag, neg, i, digits, overflow
}

// validEnd is memcached's check that a number is followed by whitespace or
// the end of the string: the end of the token, or a NUL, which ends a C
// string (an incr of the stored value "5\x00" counts from 5).
func validEnd(s []byte, end int) bool {
	return end == len(s) || isCSpace(s[end]) || s[end] == 0
}

// parseInt32 is safe_strtol: a signed 64-bit parse truncated to int32.
func parseInt32(s []byte) (int32, bool) {
	n, ok := parseInt64(s)
	return int32(n), ok
}

// parseInt64 is safe_strtoll.
func parseInt64(s []byte) (int64, bool) {
	mag, neg, end, digits, overflow := scanDecimal(s)
	if digits == 0 || overflow || !validEnd(s, end) {
		return 0, false
	}
	if neg {
		if mag > 1<<63 {
			return 0, false
		}
		return -int64(mag), true
	}
	if mag > 1<<63-1 {
		return 0, false
	}
	return int64(mag), true
}

// parseUint64 is safe_strtoull.
func parseUint64(s []byte) (uint64, bool) {
	mag, neg, end, digits, overflow := scanDecimal(s)
	if digits == 0 || overflow || !validEnd(s, end) {
		return 0, false
	}
	v := mag
	if neg {
		v = -mag
	}
	if int64(v) < 0 && neg {
		return 0, false
	}
	return v, true
}

// parseUint32 is safe_strtoul: a 64-bit unsigned parse truncated to uint32.
func parseUint32(s []byte) (uint32, bool) {
	v, ok := parseUint64(s)
	return uint32(v), ok
}
