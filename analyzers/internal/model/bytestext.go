package model

import (
	"fmt"
	"strconv"
	"strings"
)

// byteSetNames are the names a ByteSet is written with in .cachevet.yaml:
// "rejects: control,space" for every unsafe byte.
var byteSetNames = []struct {
	name string
	set  ByteSet
}{
	{"all", AnyUnsafe},
	{"control", AnyUnsafe &^ ByteBit(' ')},
	{"whitespace", Whitespace},
	{"space", ByteBit(' ')},
	{"tab", ByteBit('\t')},
	{"cr", ByteBit('\r')},
	{"lf", ByteBit('\n')},
	{"nul", ByteBit(0)},
	{"del", ByteBit(0x7f)},
}

// MarshalText writes the set as UnmarshalText reads it: the fewest names,
// then single bytes in hex.
func (s ByteSet) MarshalText() ([]byte, error) {
	var parts []string
	rest := s
	for _, n := range byteSetNames {
		if n.set&rest == n.set && n.set&^s == 0 {
			parts = append(parts, n.name)
			rest &^= n.set
		}
	}
	for b := 0; b <= 0x20; b++ {
		if rest.Has(byte(b)) {
			parts = append(parts, fmt.Sprintf("0x%02x", b))
		}
	}
	return []byte(strings.Join(parts, ",")), nil
}

// UnmarshalText reads a comma-separated list of names (all, control,
// whitespace, space, tab, cr, lf, nul, del) and bytes ("0x0b").
func (s *ByteSet) UnmarshalText(b []byte) error {
	var set ByteSet
	for _, part := range strings.Split(string(b), ",") {
		part = strings.ToLower(strings.TrimSpace(part))
		if part == "" {
			continue
		}
		found := false
		for _, n := range byteSetNames {
			if n.name == part {
				set |= n.set
				found = true
			}
		}
		if found {
			continue
		}
		v, err := strconv.ParseUint(part, 0, 8)
		if err != nil || ByteBit(byte(v)) == 0 {
			return fmt.Errorf("%q is not an unsafe byte: want all, control, whitespace, space, tab, cr, lf, nul, del or a byte such as 0x0b", part)
		}
		set |= ByteBit(byte(v))
	}
	*s = set
	return nil
}
