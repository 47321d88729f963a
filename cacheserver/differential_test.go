package cacheserver

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"io"
	"math/rand"
	"net"
	"os"
	"os/exec"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"
)

// startRealMemcached starts /usr/bin/memcached (or whatever is on PATH)
// on a free loopback port. Without it the test is skipped, unless
// CACHEVET_REQUIRE_TOOLS=1 demands the comparison.
func startRealMemcached(t testing.TB, extra ...string) string {
	t.Helper()
	return startRealMemcachedEnv(t, nil, extra...)
}

// startRealMemcachedEnv is startRealMemcached with env added to
// memcached's environment.
func startRealMemcachedEnv(t testing.TB, env []string, extra ...string) string {
	t.Helper()
	bin, err := exec.LookPath("memcached")
	if err != nil {
		if os.Getenv("CACHEVET_REQUIRE_TOOLS") == "1" {
			t.Fatalf("memcached not on PATH and CACHEVET_REQUIRE_TOOLS=1: %v", err)
		}
		t.Skip("memcached not on PATH; install memcached 1.6.18 to run the differential test")
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	port := ln.Addr().(*net.TCPAddr).Port
	ln.Close()
	args := append([]string{"-u", "root", "-l", "127.0.0.1", "-U", "0", "-p", fmt.Sprint(port)}, extra...)
	cmd := exec.Command(bin, args...)
	cmd.Env = append(os.Environ(), env...)
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		cmd.Process.Kill()
		cmd.Wait()
	})
	addr := fmt.Sprintf("127.0.0.1:%d", port)
	for deadline := time.Now().Add(5 * time.Second); time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
		if nc, err := net.Dial("tcp", addr); err == nil {
			nc.Close()
			return addr
		}
	}
	t.Fatalf("memcached did not start on %s", addr)
	return ""
}

// commandGenerator produces random, mostly valid and sometimes malformed
// text-protocol requests over a small key space.
//
// racyInPlace: arithmetic that shortens a value (decr, incr wrapping
// past 2^64) is rewritten in place by memcached only if no other thread
// holds a reference to the item, and its LRU maintainer holds one for a
// while after an item's second fetch. The outcome (padded value, fetched
// flag, item size) is timing-dependent, so streams only use arithmetic
// that grows values; the in-place padding itself is pinned by the
// transcripts (G5, G10).
type commandGenerator struct {
	rng  *rand.Rand
	keys []string
}

func newCommandGenerator(seed int64) *commandGenerator {
	return &commandGenerator{
		rng:  rand.New(rand.NewSource(seed)),
		keys: []string{"a", "b", "num", "k:1", strings.Repeat("x", 250), strings.Repeat("y", 251), "t\tab", "sp ace"},
	}
}

func (g *commandGenerator) pick(xs ...string) string { return xs[g.rng.Intn(len(xs))] }

func (g *commandGenerator) key() string { return g.keys[g.rng.Intn(len(g.keys))] }

func (g *commandGenerator) value() string {
	switch g.rng.Intn(5) {
	case 0:
		return fmt.Sprint(g.rng.Intn(1000))
	case 1:
		return ""
	case 2:
		return "99"
	case 3:
		return "line\r\nbreak"
	}
	return strings.Repeat("v", g.rng.Intn(40))
}

func (g *commandGenerator) next() string {
	k, v := g.key(), g.value()
	noreply := ""
	if g.rng.Intn(6) == 0 {
		noreply = " noreply"
	}
	exp := g.pick("0", "0", "-1", "1000", "x")
	flags := g.pick("0", "7", "4294967295", "4294967296", "-1")
	n := len(v)
	if g.rng.Intn(10) == 0 && n > 0 {
		// A short declared length: bad data chunk, the rest runs as commands.
		// (Longer lengths would make both servers wait for more data.)
		n -= 1 + g.rng.Intn(n)
	}
	switch g.rng.Intn(27) {
	case 22:
		return g.pick("stats detail dump\r\n", "stats sizes\r\n", "lru_crawler metadump 99\r\n")
	case 23:
		return fmt.Sprintf("mg %s %s\r\n", k, g.pick("h l t", "v c f q", "T100 t", "u h", "b v", "O123456789012345678901234567890123 v", "N30 v c"))
	case 24:
		return fmt.Sprintf("ma %s %s\r\n", k, g.pick("N0 J7 v", "MI D2 c t", "C1 v", "N100 J1 t v", "b"))
	case 25:
		return fmt.Sprintf("%s %s %s %s%s\r\n", g.pick("gat", "gats"), g.pick("0", "-1"), k, g.key(), g.pick("", " "+g.key()))
	case 26:
		return fmt.Sprintf("ms %s %d %s\r\n%s\r\n", k, n, g.pick("MP", "ME q", "C99", "F4294967296", "T-1", "c k O7 b", "q k"), v)
	case 0, 1, 2:
		return fmt.Sprintf("%s %s %s %s %d%s\r\n%s\r\n", g.pick("set", "add", "replace", "append", "prepend"), k, flags, exp, n, noreply, v)
	case 3:
		return fmt.Sprintf("cas %s 0 0 %d %s%s\r\n%s\r\n", k, n, g.pick("0", "1", "5", "x"), noreply, v)
	case 4, 5:
		return fmt.Sprintf("%s %s %s\r\n", g.pick("get", "gets"), k, g.key())
	case 6:
		// Only growing arithmetic: see racyInPlace.
		return fmt.Sprintf("incr %s%s\r\n", k, " "+g.pick("1", "100", "-1", "x")+noreply)
	case 7:
		return fmt.Sprintf("delete %s%s\r\n", k, g.pick("", " 0", " noreply", " x"))
	case 8:
		return fmt.Sprintf("touch %s %s%s\r\n", k, exp, noreply)
	case 9:
		return fmt.Sprintf("%s %s %s\r\n", g.pick("gat", "gats"), g.pick("0", "1000", "x"), k)
	case 10, 11:
		return fmt.Sprintf("mg %s %s\r\n", k, g.pick("v", "v f s k", "k q", "s t f", "O99 k", "v N0", "z", "v v"))
	case 12:
		return fmt.Sprintf("ms %s %d %s\r\n%s\r\n", k, n, g.pick("", "F5", "T0 F9 q", "MA", "ME", "MX", "k O1", "I"), v)
	case 13:
		return fmt.Sprintf("md %s%s\r\n", k, g.pick("", " q", " k", " O5", " C1"))
	case 14:
		return fmt.Sprintf("ma %s%s\r\n", k, g.pick("", " v", " N0 J5 v", " q", " MX"))
	case 15:
		return fmt.Sprintf("me %s\r\n", k)
	case 16:
		return g.pick("version\r\n", "verbosity 0\r\n", "verbosity\r\n", "flush_all\r\n", "flush_all 0\r\n", "bogus\r\n", "GET a\r\n", "\r\n", "   \r\n", "get\r\n")
	case 17:
		return fmt.Sprintf("set %s 0 0 %s\r\n", k, g.pick("-1", "x", "2147483646"))
	case 18:
		return "get a\x00b\r\n"
	case 19:
		return fmt.Sprintf("set %s 0 0 1 0 0 5\r\nhello\r\n", k)
	case 20:
		return fmt.Sprintf("ms %s %d b\r\n%s\r\n", g.pick("Zm9v", "YmFy", "!!!"), n, v)
	}
	return fmt.Sprintf("stats %s\r\n", g.pick("bogus", "cachedump", "cachedump 1", "detail", "sizes"))
}

func TestDifferentialAgainstMemcached(t *testing.T) {
	realAddr := startRealMemcached(t)
	_, ourAddr := startTestServer(t, nil)
	seeds := int64(60)
	if n, err := strconv.ParseInt(os.Getenv("CACHEVET_DIFF_SEEDS"), 10, 64); err == nil && n > 0 {
		seeds = n // longer soak runs
	}
	for seed := int64(1); seed <= seeds; seed++ {
		t.Run(fmt.Sprintf("seed%d", seed), func(t *testing.T) {
			gen := newCommandGenerator(seed)
			real, ours := dialTest(t, realAddr), dialTest(t, ourAddr)
			real.roundTrip("flush_all\r\n")
			ours.roundTrip("flush_all\r\n")
			for i := 0; i < 300; i++ {
				req := gen.next()
				want, wantClosed := real.roundTrip(req)
				got, gotClosed := ours.roundTrip(req)
				if normalizeDump(got) != normalizeDump(want) || gotClosed != wantClosed {
					t.Fatalf("request %d %q:\n got: %q (closed %v)\nwant: %q (closed %v)", i, req, got, gotClosed, want, wantClosed)
				}
				if wantClosed {
					return
				}
			}
		})
	}
}

// TestDifferentialBinary replays binary-protocol requests (each followed
// by a NOOP fence) against memcached and this server.
func TestDifferentialBinary(t *testing.T) {
	realAddr := startRealMemcached(t)
	_, ourAddr := startTestServer(t, nil)
	ext := func(vals ...uint64) []byte {
		var b []byte
		for i, v := range vals {
			if i < 2 && len(vals) == 3 { // incr/decr: two 64-bit fields then exptime
				b = append(b, byte(v>>56), byte(v>>48), byte(v>>40), byte(v>>32), byte(v>>24), byte(v>>16), byte(v>>8), byte(v))
				continue
			}
			b = append(b, byte(v>>24), byte(v>>16), byte(v>>8), byte(v))
		}
		return b
	}
	reqs := [][]byte{
		binaryPacket(opFlush, nil, nil, nil),
		binaryPacket(opSet, []byte("a"), ext(5, 0), []byte("hello")),
		binaryPacket(opGet, []byte("a"), nil, nil),
		binaryPacket(opGetK, []byte("a"), nil, nil),
		binaryPacket(opGetK, []byte("missing"), nil, nil),
		binaryPacket(opGetQ, []byte("missing"), nil, nil),
		binaryPacket(opGetKQ, []byte("a"), nil, nil),
		binaryPacket(opAdd, []byte("a"), ext(0, 0), []byte("x")),
		binaryPacket(opReplace, []byte("nope"), ext(0, 0), []byte("x")),
		binaryPacket(opAppend, []byte("a"), nil, []byte("!")),
		binaryPacket(opPrepend, []byte("nope"), nil, []byte("!")),
		binaryPacket(opGet, []byte("a"), nil, nil),
		binaryPacket(opIncrement, []byte("n"), ext(1, 10, 0), nil),
		binaryPacket(opIncrement, []byte("n"), ext(5, 0, 0), nil),
		binaryPacket(opDecrement, []byte("n"), ext(100, 0, 0), nil),
		binaryPacket(opIncrement, []byte("a"), ext(1, 0, 0), nil),
		binaryPacket(opDecrement, []byte("none"), ext(1, 0, 0xffffffff), nil),
		binaryPacket(opTouch, []byte("a"), ext(100), nil),
		binaryPacket(opGAT, []byte("a"), ext(100), nil),
		binaryPacket(opGATK, []byte("missing"), ext(100), nil),
		binaryPacket(opDelete, []byte("a"), nil, nil),
		binaryPacket(opDelete, []byte("a"), nil, nil),
		binaryPacket(opDeleteQ, []byte("n"), nil, nil),
		binaryPacket(opSetQ, []byte("q"), ext(0, 0), []byte("quiet")),
		binaryPacket(opGet, []byte("q"), nil, nil),
		binaryPacket(opVersion, nil, nil, nil),
		binaryPacket(0x55, nil, nil, nil),
		binaryPacket(opSet, []byte("big"), ext(0, 0), make([]byte, 2<<20)),
		binaryPacket(opGet, []byte("big"), nil, nil),
		binaryPacket(opSet, []byte("short"), ext(0), []byte("x")),
	}
	run := func(addr string) [][]byte {
		nc, err := net.Dial("tcp", addr)
		if err != nil {
			t.Fatal(err)
		}
		defer nc.Close()
		var out [][]byte
		for _, req := range reqs {
			nc.SetDeadline(time.Now().Add(5 * time.Second))
			go nc.Write(append(append([]byte(nil), req...), binaryPacket(opNoop, nil, nil, nil)...))
			var got []byte
			for {
				h := make([]byte, 24)
				if _, err := io.ReadFull(nc, h); err != nil {
					got = append(got, "<closed>"...)
					break
				}
				n := int(binary.BigEndian.Uint32(h[8:]))
				body := make([]byte, n)
				io.ReadFull(nc, body)
				if h[1] == opNoop {
					break
				}
				got = append(append(got, h...), body...)
			}
			out = append(out, maskTranscript(got))
			if bytes.HasSuffix(got, []byte("<closed>")) {
				break
			}
		}
		return out
	}
	want, got := run(realAddr), run(ourAddr)
	for i := range reqs {
		if !bytes.Equal(got[i], want[i]) {
			t.Errorf("request %d (opcode %#x):\n got %q\nwant %q", i, reqs[i][1], got[i], want[i])
		}
	}
}

// paddedNumber and paddedMetaNumber match VALUE/VA blocks holding a
// space-padded number. Whether memcached rewrites an incr/decr result in
// place (padded) or as a new item depends on whether its background LRU
// maintainer still holds a reference to the item (an asynchronous bump
// after a second fetch), so the padding is not compared. Longer soak runs
// (CACHEVET_DIFF_SEEDS=600) still show that race through the fetched flag
// and item size of such items, and one-second clock-phase differences in
// TTLs; the default 60 seeds are deterministic.
var paddedNumber = regexp.MustCompile(`VALUE ([^ \r\n]+) (\d+) \d+( [*\d]+)?\r\n(\d+) *\r\n`)

// raceFields are the fields that still vary between runs of memcached
// itself: the fetched flag (an incr/decr/ma after an item's second fetch
// replaces the item or not, see racyInPlace) and remaining TTLs, which
// tick on memcached's own one-second timer. -1 (no expiry) stays exact.
var raceFields = regexp.MustCompile(`( h|fetch=| t| exp=| l| la=)(?:yes|no|[01]\b|-?(?:[02-9]\d*|1\d+))`)

var paddedMetaNumber = regexp.MustCompile(`VA \d+((?: [^ \r\n]+)*)\r\n(\d+) *\r\n`)

// normalizeDump masks varying fields and sorts metadump lines: memcached
// crawls its HOT/WARM/COLD sub-LRUs, whose membership depends on its
// background LRU maintainer, so only the set of lines is deterministic.
func normalizeDump(resp string) string {
	masked := string(maskTranscript([]byte(resp)))
	masked = paddedNumber.ReplaceAllStringFunc(masked, func(m string) string {
		sub := paddedNumber.FindStringSubmatch(m)
		return fmt.Sprintf("VALUE %s %s %d%s\r\n%s\r\n", sub[1], sub[2], len(sub[4]), sub[3], sub[4])
	})
	masked = raceFields.ReplaceAllString(masked, "$1*")
	masked = paddedMetaNumber.ReplaceAllStringFunc(masked, func(m string) string {
		sub := paddedMetaNumber.FindStringSubmatch(m)
		return fmt.Sprintf("VA %d%s\r\n%s\r\n", len(sub[2]), sub[1], sub[2])
	})
	if !strings.HasPrefix(masked, "key=") {
		return masked
	}
	lines := strings.SplitAfter(masked, "\n")
	sort.Strings(lines)
	return strings.Join(lines, "")
}

// TestDifferentialMetadumpPipelining checks the one deterministic part of
// metadump's connection hand-off: replies to commands pipelined behind it
// are lost and the connection is dropped. (Dump contents and order depend
// on memcached's background LRU maintainer, so random streams leave
// dumps out; the transcripts pin their format.)
func TestDifferentialMetadumpPipelining(t *testing.T) {
	realAddr := startRealMemcached(t)
	_, ourAddr := startTestServer(t, nil)
	for _, addr := range []string{realAddr, ourAddr} {
		c := dialTest(t, addr)
		c.roundTrip("set only 0 0 1\r\nx\r\n")
		got, closed := c.roundTrip("lru_crawler metadump all\r\nversion\r\n")
		got = string(maskTranscript([]byte(got)))
		if got != "key=only exp=-1 la=* cas=* fetch=no cls=1 size=64\nEND\r\n" || !closed {
			t.Errorf("%s: %q closed=%v", addr, got, closed)
		}
	}
}
