package cacheserver

import (
	"net"
	"testing"
)

// TestSASLPlainAuthorizationIdentity: PLAIN's authorization identity may
// be empty or the authenticated user; another user's name with this
// user's password must not log in (memcached refuses it too).
func TestSASLPlainAuthorizationIdentity(t *testing.T) {
	_, addr := startTestServer(t, func(c *Config) {
		c.SASL = true
		c.Protocol = ProtocolBinary
		c.SASLUsers = map[string]string{"alice": "secret", "bob": "hunter2"}
	})
	cases := []struct {
		msg  string
		want uint16
	}{
		{"\x00alice\x00secret", binOK},
		{"alice\x00alice\x00secret", binOK},
		{"bob\x00alice\x00secret", binAuthError},
		{"alice\x00bob\x00hunter2", binAuthError},
		{"\x00alice\x00hunter2", binAuthError},
	}
	for _, tc := range cases {
		nc, err := net.Dial("tcp", addr)
		if err != nil {
			t.Fatal(err)
		}
		nc.Write(binaryPacket(opSASLAuth, []byte("PLAIN"), nil, []byte(tc.msg)))
		if p := readPacket(t, nc); p.status != tc.want {
			t.Errorf("PLAIN %q: status %#x, want %#x", tc.msg, p.status, tc.want)
		}
		nc.Close()
	}
}
