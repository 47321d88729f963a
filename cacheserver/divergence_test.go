package cacheserver

import (
	"bytes"
	"encoding/binary"
	"io"
	"net"
	"strconv"
	"strings"
	"testing"
	"time"
)

// These tests compare cacheserver with a real memcached 1.6.18 on the
// behaviours memcached's own t/ files found different (issue #18). Each
// starts memcached with the flags under test and cacheserver with the
// matching Config, sends both the same requests and compares the answers.

// bothServers starts memcached with args and cacheserver with mutate
// applied, and dials each.
func bothServers(t *testing.T, args []string, mutate func(*Config)) (real, ours *testClient) {
	t.Helper()
	realAddr := startRealMemcached(t, args...)
	_, ourAddr := startTestServer(t, mutate)
	return dialTest(t, realAddr), dialTest(t, ourAddr)
}

// sameAnswers sends each request to both servers and fails on the first
// answer that differs.
func sameAnswers(t *testing.T, real, ours *testClient, reqs ...string) {
	t.Helper()
	for _, req := range reqs {
		want, _ := real.roundTrip(req)
		got, _ := ours.roundTrip(req)
		if got != want {
			t.Fatalf("%q:\n got %q\nwant %q", req, got, want)
		}
	}
}

// stat returns one value of "stats" or "stats <sub>" ("" when absent).
func (c *testClient) stat(sub, name string) string {
	c.t.Helper()
	req := "stats\r\n"
	if sub != "" {
		req = "stats " + sub + "\r\n"
	}
	resp, _ := c.roundTrip(req)
	for _, line := range strings.Split(resp, "\r\n") {
		if v, ok := strings.CutPrefix(line, "STAT "+name+" "); ok {
			return v
		}
	}
	return ""
}

// sameStats fails when the servers report different values for names.
func sameStats(t *testing.T, real, ours *testClient, sub string, names ...string) {
	t.Helper()
	for _, name := range names {
		if got, want := ours.stat(sub, name), real.stat(sub, name); got != want {
			t.Errorf("stats %s %s = %q, memcached says %q", sub, name, got, want)
		}
	}
}

// binaryExchange sends one binary request and returns the response
// packet, header and body.
func binaryExchange(t *testing.T, addr string, req []byte) []byte {
	t.Helper()
	nc, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	defer nc.Close()
	nc.SetDeadline(time.Now().Add(3 * time.Second))
	if _, err := nc.Write(req); err != nil {
		t.Fatal(err)
	}
	h := make([]byte, 24)
	if _, err := io.ReadFull(nc, h); err != nil {
		t.Fatal(err)
	}
	body := make([]byte, binary.BigEndian.Uint32(h[8:]))
	if _, err := io.ReadFull(nc, body); err != nil {
		t.Fatal(err)
	}
	return append(h, body...)
}

func TestDisableFlushRefusesFlushAll(t *testing.T) {
	real, ours := bothServers(t, []string{"-F"}, func(c *Config) { c.DisableFlush = true })
	sameAnswers(t, real, ours,
		"set foo 0 0 3\r\nbar\r\n",
		"flush_all\r\n",
		"flush_all 0\r\n",
		"flush_all noreply\r\n",
		"get foo\r\n",
	)
	sameStats(t, real, ours, "", "cmd_flush")
	sameStats(t, real, ours, "settings", "flush_enabled")
	for _, op := range []byte{opFlush, opFlushQ} {
		want := binaryExchange(t, real.nc.RemoteAddr().String(), binaryPacket(op, nil, nil, nil))
		got := binaryExchange(t, ours.nc.RemoteAddr().String(), binaryPacket(op, nil, nil, nil))
		if !bytes.Equal(got, want) {
			t.Errorf("binary flush %#x:\n got %q\nwant %q", op, got, want)
		}
	}
	sameAnswers(t, real, ours, "get foo\r\n")
	sameStats(t, real, ours, "", "cmd_flush")
}

func TestIdleKicksCounted(t *testing.T) {
	real, ours := bothServers(t, []string{"-o", "idle_timeout=1"}, func(c *Config) { c.IdleTimeout = time.Second })
	sameStats(t, real, ours, "", "idle_kicks")
	for _, c := range []*testClient{real, ours} {
		// memcached's idle check runs on its own timer, so a kick comes
		// between one and a few seconds after the last command.
		c.nc.SetReadDeadline(time.Now().Add(10 * time.Second))
		if _, err := c.r.ReadByte(); err != io.EOF {
			t.Fatalf("idle connection to %s: %v, want EOF", c.nc.RemoteAddr(), err)
		}
	}
	real, ours = dialTest(t, real.nc.RemoteAddr().String()), dialTest(t, ours.nc.RemoteAddr().String())
	if got := ours.stat("", "idle_kicks"); got != "1" {
		t.Errorf("idle_kicks = %q after one kick", got)
	}
	sameStats(t, real, ours, "", "idle_kicks")
}

func TestMetaSetInvalidateStoresStale(t *testing.T) {
	real, ours := bothServers(t, nil, nil)
	sameAnswers(t, real, ours,
		"ms toinv 3 T90\r\nmoo\r\n",
		"md toinv I T30\r\n",
		"mg toinv s c v\r\n",
		// A CAS below the item's fails without I and stores a stale
		// value with it; a higher one fails either way.
		"ms toinv 1 T90 C0\r\nf\r\n",
		"ms toinv 1 I T90 C1\r\nf\r\n",
		"mg toinv s c v\r\n",
		"ms toinv 1 I T90 C999\r\ng\r\n",
		"mg toinv s c v\r\n",
		"ms toinv 1 I T90 C6\r\nh\r\n",
		"mg toinv s c v\r\n",
		// I on a plain set (no CAS) stores a fresh item.
		"ms toinv 1 I\r\ni\r\n",
		"mg toinv s c v\r\n",
	)
	sameStats(t, real, ours, "", "cas_hits", "cas_badval", "cas_misses")
}

func TestReqsPerEventYields(t *testing.T) {
	for _, r := range []int{1, 3} {
		real, ours := bothServers(t, []string{"-R", strconv.Itoa(r)}, func(c *Config) { c.ReqsPerEvent = r })
		// Pipelined in one write, so that both servers read them at once.
		batch := strings.Repeat("set foobar 0 0 5\r\nBubba\r\n", 7) + strings.Repeat("get foobar\r\n", 5)
		sameAnswers(t, real, ours, batch)
		sameStats(t, real, ours, "", "conn_yields")
		sameStats(t, real, ours, "settings", "reqs_per_event")
		if got := ours.stat("", "conn_yields"); got == "0" {
			t.Errorf("-R %d: no yields after 12 pipelined requests", r)
		}
	}
}
