package cacheserver

import (
	"strings"
	"testing"
)

// statValue returns the value of one "STAT name value" line.
func statValue(t *testing.T, stats, name string) string {
	t.Helper()
	for _, line := range strings.Split(stats, "\r\n") {
		if v, ok := strings.CutPrefix(line, "STAT "+name+" "); ok {
			return v
		}
	}
	t.Fatalf("no STAT %s in %q", name, stats)
	return ""
}

// TestConnCountersSurviveClose checks that "stats" adds up the request
// counters of open and closed connections, and "stats reset" clears both.
func TestConnCountersSurviveClose(t *testing.T) {
	_, addr := startTestServer(t, nil)
	a := dialTest(t, addr)
	a.roundTrip("get x\r\ngets y z\r\ntouch x 10\r\nmg x v\r\nme x\r\n")
	open := dialTest(t, addr)
	open.roundTrip("get w\r\n")
	a.nc.Close()

	b := dialTest(t, addr)
	stats, _ := b.roundTrip("stats\r\n")
	for name, want := range map[string]string{"cmd_get": "5", "cmd_touch": "1", "cmd_meta": "1"} {
		if got := statValue(t, stats, name); got != want {
			t.Errorf("%s = %s, want %s", name, got, want)
		}
	}
	// a sent 43 bytes plus "mn\r\n", open 7 plus "mn\r\n", b "stats\r\nmn\r\n".
	if got := statValue(t, stats, "bytes_read"); got != "69" {
		t.Errorf("bytes_read = %s, want 69", got)
	}

	b.roundTrip("stats reset\r\n")
	stats, _ = b.roundTrip("stats\r\n")
	for _, name := range []string{"cmd_get", "cmd_touch", "cmd_meta"} {
		if got := statValue(t, stats, name); got != "0" {
			t.Errorf("after reset %s = %s, want 0", name, got)
		}
	}
}
