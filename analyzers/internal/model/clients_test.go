package model

import (
	"strings"
	"testing"
)

// TestBuiltinClientsValid checks the built-in descriptions as a user's
// are checked, and that their names, which facts record, are unique.
func TestBuiltinClientsValid(t *testing.T) {
	seen := map[string]bool{}
	for i := range BuiltinClients {
		c := &BuiltinClients[i]
		if err := c.Validate(); err != nil {
			t.Error(err)
		}
		if seen[c.Name] {
			t.Errorf("two clients are named %s", c.Name)
		}
		seen[c.Name] = true
	}
}

// TestKeyHarm checks what each kind of client is said to suffer from a
// key holding given bytes.
func TestKeyHarm(t *testing.T) {
	text := Client{Name: "t", Protocol: ProtocolText}
	meta := Client{Name: "m", Protocol: ProtocolMeta, Check: KeyCheck{Rejects: AnyUnsafe &^ ByteBit(' '), Error: "E"}}
	binary := Client{Name: "b", Protocol: ProtocolBinary}
	validating := Client{Name: "v", Protocol: ProtocolText, Check: KeyCheck{MaxLen: 250, Rejects: AnyUnsafe, Error: "ErrMalformedKey"}}
	rpc := Client{Name: "r", Protocol: ProtocolRPC}
	for _, tc := range []struct {
		c     Client
		bytes ByteSet
		want  string
	}{
		{text, AnyUnsafe, "t sends the key as it is: CR/LF in it ends the command line, so the sender injects"},
		{text, ByteBit(' '), "a space in it splits the key: get fetches the extra keys"},
		{text, ByteBit(0), "NUL in it ends the key for memcached, so distinct keys collide"},
		{text, ByteBit('\t'), "memcached stores a tab as sent"},
		{meta, AnyUnsafe, "m's key check lets a space through: a space in it ends the key on the mg/ms/md line"},
		{meta, ByteBit('\n'), "LF in it makes m fail with E"},
		{binary, AnyUnsafe, "the binary protocol carries the key as bytes, so nothing is injected"},
		{validating, ByteBit(' '), "a space in it makes v fail with ErrMalformedKey, so the sender picks"},
	} {
		if got := tc.c.KeyHarm(tc.bytes, true); !strings.Contains(got, tc.want) {
			t.Errorf("%s.KeyHarm(%s) = %q, want it to contain %q", tc.c.Name, tc.bytes, got, tc.want)
		}
	}
	if rpc.HarmfulBytes() != 0 || text.HarmfulBytes() != AnyUnsafe {
		t.Errorf("HarmfulBytes: rpc %s, text %s", rpc.HarmfulBytes(), text.HarmfulBytes())
	}
	if got := (&Client{Name: "b", Protocol: ProtocolBinary, Check: KeyCheck{LengthBits: 16, Overflow: "smuggle"}}).LengthHarm(0, false); !strings.Contains(got, "at 64 KiB the client's 16-bit key length overflows, and the server parses the rest of the key as a further, smuggled request") {
		t.Errorf("LengthHarm = %q", got)
	}
	binary16 := &Client{Name: "b", Protocol: ProtocolBinary, Check: KeyCheck{LengthBits: 16, Overflow: "collide"}}
	if got := binary16.LengthHarm(300, true); strings.Contains(got, "overflows") {
		t.Errorf("a key of at most 300 bytes overflows a 16-bit length: %q", got)
	}
	if got := binary16.LengthHarm(70000, true); !strings.Contains(got, "the rest for the value") {
		t.Errorf("LengthHarm(70000) = %q", got)
	}
	if got := validating.LengthHarm(0, false); strings.Contains(got, "KiB") || !strings.Contains(got, "v fails with ErrMalformedKey") {
		t.Errorf("LengthHarm = %q", got)
	}
}

// TestByteSetText checks that a byte set written as text reads back.
func TestByteSetText(t *testing.T) {
	for _, s := range []ByteSet{0, AnyUnsafe, AnyUnsafe &^ ByteBit(' '), Whitespace, ByteBit(' ') | ByteBit(0x0b), ByteBit(0x7f)} {
		b, _ := s.MarshalText()
		var back ByteSet
		if err := back.UnmarshalText(b); err != nil || back != s {
			t.Errorf("%s -> %q -> %s, %v", s, b, back, err)
		}
	}
}
