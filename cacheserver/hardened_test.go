package cacheserver

import (
	"io"
	"net"
	"strings"
	"testing"
	"time"
)

// smuggled is the command every injection payload tries to run.
const smuggled = "set evil 0 0 5\r\nowned\r\n"

// injectionPayloads are storage lines an attacker can shape (a key with
// a space, a newline, a bad length, a wrong block) followed by smuggled.
// memcached 1.6.18 runs smuggled after each of them; hardened mode must
// either swallow exactly the declared block (swallows) or close.
var injectionPayloads = []struct {
	name     string
	payload  string
	swallows bool
}{
	{"key with a space", "set a b 0 0 23\r\n\r\n" + smuggled, false},
	{"key with a space, swallow-sized", "set a b 0 0 23\r\n" + smuggled + "\r\n", false},
	{"unknown length", "set a 0 0 x\r\n" + smuggled, false},
	{"negative length", "set a 0 0 -1\r\n" + smuggled, false},
	{"length over 2^31", "set a 0 0 2147483647\r\n" + smuggled, false},
	{"too many tokens", "set a b c 0 0 5\r\n" + smuggled, false},
	{"key with a space, numeric", "set a 0 0 0 23\r\n\r\n" + smuggled, false},
	{"newline in key", "set a\r\n" + smuggled, false},
	{"bad data chunk", "set a 0 0 1\r\nab\r\n" + smuggled, false},
	{"cas with a space in key", "cas a b 0 0 23 1\r\n" + smuggled + "\r\n", false},
	{"too-long key", "set " + strings.Repeat("k", 251) + " 0 0 23\r\n" + smuggled + "\r\n", true},
	{"bad flags", "set k x 0 23\r\n" + smuggled + "\r\n", true},
	{"bad exptime", "set k 0 x 23 noreply\r\n" + smuggled + "\r\n", true},
	{"bad cas unique", "cas k 0 0 23 x\r\n" + smuggled + "\r\n", true},
	{"ms unknown length", "ms a b 23\r\n" + smuggled, false},
	{"ms key with a space", "ms a 1 23 T0\r\nx\r\n" + smuggled, false},
	{"ms too-long key", "ms " + strings.Repeat("k", 251) + " 23\r\n" + smuggled + "\r\n", false},
	{"ms bad data chunk", "ms k 1\r\nab\r\n" + smuggled, false},
	{"ms alone", "ms k\r\n" + smuggled, false},
}

// TestHardenedContract sends each payload on its own connection. Faithful
// mode must run the smuggled set (so the payload is a real injection);
// hardened mode must not, and must swallow or close as the contract says.
func TestHardenedContract(t *testing.T) {
	for _, hardened := range []bool{false, true} {
		_, addr := startTestServer(t, func(c *Config) { c.Hardened = hardened })
		for _, p := range injectionPayloads {
			name := p.name
			if hardened {
				name = "hardened/" + name
			}
			t.Run(name, func(t *testing.T) {
				check := dialTest(t, addr)
				check.roundTrip("delete evil\r\n")
				c := dialTest(t, addr)
				io.WriteString(c.nc, p.payload)
				alive := false
				if hardened && p.swallows {
					// The connection is in step: a probe is answered.
					_, closed := c.roundTrip("")
					alive = !closed
					if closed {
						t.Error("connection closed; the block should have been swallowed")
					}
				} else if hardened {
					c.nc.SetReadDeadline(time.Now().Add(2 * time.Second))
					_, err := io.ReadAll(c.nc)
					if ne, ok := err.(net.Error); ok && ne.Timeout() {
						t.Error("connection left open after a storage line without a delimitable block")
					}
				} else {
					c.roundTrip("")
				}
				got, _ := check.roundTrip("get evil\r\n")
				ran := strings.Contains(got, "owned")
				if ran != !hardened {
					t.Errorf("smuggled set ran: %v (alive %v)", ran, alive)
				}
			})
		}
	}
}
