package cacheserver

import (
	"encoding/binary"
	"fmt"
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
			t.Fatalf("%q:\n got %q\nwant %q", truncate([]byte(req)), got, want)
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
		if got != want {
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

func TestMemoryChargedPerPage(t *testing.T) {
	// T_MEMD_INITIAL_MALLOC counts memory as allocated from the start,
	// leaving 2 MiB less 32 bytes under -m 4098: a class's first page
	// always fits, a second one still does, a third does not.
	const initial = "4294967328"
	realAddr := startRealMemcachedEnv(t, []string{"T_MEMD_INITIAL_MALLOC=" + initial}, "-m", "4098", "-M")
	_, ourAddr := startTestServer(t, func(c *Config) {
		c.MaxBytes = 4098 << 20
		c.DisableEvict = true
		c.InitialMalloc = 4294967328
	})
	real, ours := dialTest(t, realAddr), dialTest(t, ourAddr)
	sameStats(t, real, ours, "slabs", "total_malloced", "active_slabs")
	big := strings.Repeat("a", 400<<10)
	for i := 0; i < 6; i++ {
		sameAnswers(t, real, ours, "set big"+strconv.Itoa(i)+" 0 0 409600\r\n"+big+"\r\n")
	}
	sameStats(t, real, ours, "slabs", "total_malloced", "active_slabs")
	// Smaller items get a first page of their own class even over the limit.
	sameAnswers(t, real, ours, "set small 0 0 1\r\nx\r\n", "set small2 0 0 1\r\nx\r\n")
	sameStats(t, real, ours, "slabs", "total_malloced", "active_slabs", "1:total_pages", "1:used_chunks", "1:free_chunks")
	sameStats(t, real, ours, "items", "items:1:outofmemory")
}

func TestPagesReusedAfterDelete(t *testing.T) {
	real, ours := bothServers(t, []string{"-m", "8"}, func(c *Config) { c.MaxBytes = 8 << 20 })
	value := strings.Repeat("B", 66560)
	set := func(i int) string { return "set key" + strconv.Itoa(i) + " 0 0 66560\r\n" + value + "\r\n" }
	for i := 0; i < 20; i++ {
		sameAnswers(t, real, ours, set(i))
	}
	sameStats(t, real, ours, "slabs", "total_malloced")
	for i := 0; i < 20; i++ {
		sameAnswers(t, real, ours, "delete key"+strconv.Itoa(i)+"\r\n")
	}
	// Freed chunks are used again: memory does not grow.
	for i := 20; i < 40; i++ {
		sameAnswers(t, real, ours, set(i))
	}
	sameStats(t, real, ours, "slabs", "total_malloced")
	// Past -m, new items evict old ones of their own class.
	for i := 40; i < 200; i++ {
		sameAnswers(t, real, ours, set(i))
	}
	sameStats(t, real, ours, "slabs", "total_malloced", "active_slabs")
	sameStats(t, real, ours, "", "curr_items", "evictions")
}

func TestNoModernReclaimsBeforeAllocating(t *testing.T) {
	real, ours := bothServers(t, []string{"-o", "no_modern"}, func(c *Config) { c.NoModern = true })
	sameAnswers(t, real, ours,
		"set key 0 0 1\r\n1\r\n",
		"set gone 0 1 1\r\n1\r\n",
	)
	sameStats(t, real, ours, "", "reclaimed")
	time.Sleep(2100 * time.Millisecond) // "gone" expires on both clocks
	sameAnswers(t, real, ours,
		"flush_all\r\n",
		"set key 0 0 1\r\n1\r\n",
	)
	sameStats(t, real, ours, "", "reclaimed", "get_flushed", "curr_items", "expired_unfetched")
	sameStats(t, real, ours, "settings", "maxconns_fast", "slab_reassign", "slab_automove", "slab_chunk_max",
		"lru_crawler", "hash_algorithm", "lru_maintainer_thread", "lru_segmented")
	for _, name := range []string{"slabs_moved", "lru_crawler_starts", "lru_maintainer_juggles"} {
		if got, want := ours.stat("", name), real.stat("", name); got != want {
			t.Errorf("stats %s = %q, memcached %q", name, got, want)
		}
	}
	sameStats(t, real, ours, "slabs", "1:chunk_size")
}

func TestMaintainerReclaimsExpiredItems(t *testing.T) {
	real, ours := bothServers(t, nil, nil)
	value := strings.Repeat("B", 66560)
	for i := 0; i < 10; i++ {
		sameAnswers(t, real, ours, "set key"+strconv.Itoa(i)+" 0 1 66560\r\n"+value+"\r\n")
	}
	// memcached's maintainer reclaims expired items within about a
	// second of their expiry, with no client activity.
	time.Sleep(3 * time.Second)
	sameStats(t, real, ours, "", "curr_items", "reclaimed", "expired_unfetched")
	for i := 10; i < 20; i++ {
		sameAnswers(t, real, ours, "set key"+strconv.Itoa(i)+" 0 0 66560\r\n"+value+"\r\n")
	}
	sameStats(t, real, ours, "slabs", "total_malloced")
}

func TestStatsDetailCountsPerPrefix(t *testing.T) {
	real, ours := bothServers(t, nil, nil)
	sameAnswers(t, real, ours,
		"stats detail dump\r\n",
		"stats detail on\r\n",
		"set user:1 0 0 1\r\na\r\n",
		"set user:2 0 0 1\r\na\r\n",
		"add user:1 0 0 1\r\na\r\n",
		"set session:x 0 0 1\r\na\r\n",
		"set plain 0 0 1\r\na\r\n",
		"get user:1 user:3 session:x plain\r\n",
		"gets user:2\r\n",
		"delete user:2\r\n",
		"delete nope:1\r\n",
		// memcached matches a known prefix by the new one's length: "us"
		// finds "user" when they share a hash bucket, and so on.
		"set us:1 0 0 1\r\na\r\n",
		"set a:1 0 0 1\r\na\r\n",
		"set b:1 0 0 1\r\na\r\n",
		"set :1 0 0 1\r\na\r\n",
		// Not counted: arithmetic, touch, meta commands.
		"set n:1 0 0 1\r\n1\r\n",
		"incr n:1 1\r\n",
		"touch n:1 10\r\n",
		"mg n:1 v\r\n",
		"ms n:2 1\r\n1\r\n",
		"stats detail dump\r\n",
		"stats detail off\r\n",
		"get user:1\r\n",
		"stats detail dump\r\n",
		"stats detail\r\n",
		"stats detail bogus\r\n",
	)
	sameStats(t, real, ours, "settings", "detail_enabled", "stat_key_prefix")
	sameAnswers(t, real, ours, "stats detail on\r\n")
	sameStats(t, real, ours, "settings", "detail_enabled")
	sameAnswers(t, real, ours, "stats reset\r\n", "stats detail dump\r\n")
}

// binaryStatPackets sends a binary stat request for key and returns the
// answer's packets (status, key and value), up to the terminating one.
func binaryStatPackets(t *testing.T, nc net.Conn, key string) [][3]string {
	t.Helper()
	nc.SetDeadline(time.Now().Add(3 * time.Second))
	if _, err := nc.Write(binaryPacket(opStat, []byte(key), nil, nil)); err != nil {
		t.Fatal(err)
	}
	var out [][3]string
	for {
		h := make([]byte, 24)
		if _, err := io.ReadFull(nc, h); err != nil {
			t.Fatalf("stat %q: %v", key, err)
		}
		body := make([]byte, binary.BigEndian.Uint32(h[8:]))
		if _, err := io.ReadFull(nc, body); err != nil {
			t.Fatal(err)
		}
		keyLen := int(binary.BigEndian.Uint16(h[2:]))
		status := binary.BigEndian.Uint16(h[6:])
		pkt := [3]string{strconv.Itoa(int(status)), string(body[h[4] : int(h[4])+keyLen]), string(body[int(h[4])+keyLen:])}
		out = append(out, pkt)
		if status != 0 || keyLen == 0 {
			return out
		}
	}
}

func TestBinaryStatMatchesPrefixes(t *testing.T) {
	realAddr := startRealMemcached(t)
	_, ourAddr := startTestServer(t, nil)
	dial := func(addr string) net.Conn {
		nc, err := net.Dial("tcp", addr)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { nc.Close() })
		return nc
	}
	real, ours := dial(realAddr), dial(ourAddr)
	// Groups whose values are the same on both servers, compared whole.
	// (memcached compares past the end of a key, into whatever its read
	// buffer held before: "detail" alone is left out.) The groups of
	// items come first, before memcached's LRU maintainer has items to
	// move between its sub-LRUs at its own pace.
	for _, key := range []string{
		"items", "itemsx", "slabs", "sizes", "conns", "resetting", "reset", "bogus",
		"detail on", "detail onward", "detail dump", "detail off", "detail bogus", "details",
	} {
		want, got := binaryStatPackets(t, real, key), binaryStatPackets(t, ours, key)
		if fmt.Sprint(got) != fmt.Sprint(want) {
			for i := range min(len(got), len(want)) {
				if got[i] != want[i] {
					t.Errorf("stat %q packet %d: got %q, want %q", key, i, got[i], want[i])
					break
				}
			}
			if len(got) != len(want) {
				t.Errorf("stat %q: %d packets, want %d", key, len(got), len(want))
			}
		}
		if key == "detail on" {
			for _, nc := range []net.Conn{real, ours} {
				binaryExchange(t, nc.RemoteAddr().String(), binaryPacket(opSet, []byte("p:k"), []byte{0, 0, 0, 0, 0, 0, 0, 0}, []byte("v")))
				binaryExchange(t, nc.RemoteAddr().String(), binaryPacket(opGet, []byte("p:k"), nil, nil))
			}
		}
	}
	// Groups with server-specific values (pid, port, times): the names.
	for _, key := range []string{"", "settings", "settingsx"} {
		want, got := binaryStatPackets(t, real, key), binaryStatPackets(t, ours, key)
		names := func(pkts [][3]string) (out []string) {
			for _, p := range pkts {
				out = append(out, p[0]+" "+p[1])
			}
			return out
		}
		if fmt.Sprint(names(got)) != fmt.Sprint(names(want)) {
			t.Errorf("stat %q names:\n got %q\nwant %q", key, names(got), names(want))
		}
	}
}

func TestDebugTimeOnlyWhenAsked(t *testing.T) {
	real, ours := bothServers(t, nil, nil)
	// A release build of memcached has no debugtime command.
	sameAnswers(t, real, ours, "debugtime 3\r\n", "debugtime p\r\n")

	_, addr := startTestServer(t, func(c *Config) { c.DebugTime = true })
	debug := dialTest(t, addr)
	for _, step := range [][2]string{
		// Paused, the clock moves only with debugtime.
		{"debugtime p\r\n", "OK\r\n"},
		{"set foo 0 3 1\r\nx\r\n", "STORED\r\n"},
		{"debugtime 2\r\n", "OK\r\n"},
		{"get foo\r\n", "VALUE foo 0 1\r\nx\r\nEND\r\n"},
		{"debugtime 1\r\n", "OK\r\n"},
		{"get foo\r\n", "END\r\n"},
		{"debugtime r\r\n", "OK\r\n"},
		{"debugtime x\r\n", "ERROR\r\n"},
		{"debugtime\r\n", "ERROR\r\n"},
	} {
		if got, _ := debug.roundTrip(step[0]); got != step[1] {
			t.Errorf("%q: got %q, want %q", step[0], got, step[1])
		}
	}
}

// readBufLimitArgs give each of 32 worker threads two 16 KiB buffers (1 MB
// split 32 ways): one read buffer and one bundle of 13 response objects.
var readBufLimitArgs = []string{"-o", "read_buf_mem_limit=1", "-t", "32", "-R", "500"}

func readBufLimitConfig(c *Config) {
	c.ReadBufMemLimit = 1 << 20
	c.Threads = 32
	c.ReqsPerEvent = 500
}

// getKeys is "get" of keys k0 to k<n-1>.
func getKeys(n int) string {
	keys := make([]string, n)
	for i := range keys {
		keys[i] = "k" + strconv.Itoa(i)
	}
	return "get " + strings.Join(keys, " ") + "\r\n"
}

// sameAnswerOnNewConn sends req on a new connection to each server (so on
// the next worker thread) and fails unless both answer, or close, alike.
func sameAnswerOnNewConn(t *testing.T, real, ours *testClient, req string) {
	t.Helper()
	want, wantClosed := dialTest(t, real.nc.RemoteAddr().String()).roundTrip(req)
	got, gotClosed := dialTest(t, ours.nc.RemoteAddr().String()).roundTrip(req)
	if got != want || gotClosed != wantClosed {
		t.Errorf("%q: got %q (closed %v), memcached %q (closed %v)", truncate([]byte(req)), got, gotClosed, want, wantClosed)
	}
}

func TestReadBufMemLimitBoundsMultiget(t *testing.T) {
	real, ours := bothServers(t, readBufLimitArgs, readBufLimitConfig)
	for i := range 14 {
		sameAnswers(t, real, ours, fmt.Sprintf("set k%d 0 0 2\r\nv%d\r\n", i, i%10))
	}
	sameAnswers(t, real, ours,
		getKeys(13), // one response object per key: the bundle is full
		getKeys(14), // the 14th needs a second bundle
		// conn_release_items drops the STORED queued before the get too.
		"set a 0 0 1\r\n1\r\n"+getKeys(13),
		"get a\r\n",
	)
	sameStats(t, real, ours, "", "response_obj_oom")
	sameStats(t, real, ours, "settings", "read_buf_mem_limit", "num_threads")
	if got := ours.stat("", "response_obj_oom"); got != "2" {
		t.Errorf("response_obj_oom = %s after two refused multigets", got)
	}
}

func TestReadBufMemLimitClosesStackedResponses(t *testing.T) {
	real, ours := bothServers(t, readBufLimitArgs, readBufLimitConfig)
	// roundTrip's "mn" is one more response object: 13 fit, 14 do not.
	for _, n := range []int{12, 13} {
		sameAnswerOnNewConn(t, real, ours, strings.Repeat("mg foo v\r\n", n))
	}
	sameStats(t, real, ours, "", "response_obj_oom")
}

func TestReadBufMemLimitOneBufferPerThread(t *testing.T) {
	// 1 MB over 64 threads is one buffer each: the read buffer takes it,
	// so no command gets a response object and every connection closes.
	args := []string{"-o", "read_buf_mem_limit=1", "-t", "64"}
	real, ours := bothServers(t, args, func(c *Config) { c.ReadBufMemLimit = 1 << 20; c.Threads = 64 })
	for _, req := range []string{"version\r\n", "get foo\r\n"} {
		sameAnswerOnNewConn(t, real, ours, req)
	}
}

// TestArithmeticNumberEndsAtNUL: memcached parses a value with strtoull,
// for which a NUL ends the string, so "5\0" and "5\0x" are 5; the result
// overwrites the value in place, padded with spaces.
func TestArithmeticNumberEndsAtNUL(t *testing.T) {
	real, ours := bothServers(t, nil, nil)
	sameAnswers(t, real, ours,
		"set n 0 0 2\r\n5\x00\r\n", "incr n 1\r\n", "get n\r\n",
		"set m 0 0 3\r\n5\x00x\r\n", "decr m 2\r\n", "get m\r\n",
		"set z 0 0 1\r\n\x00\r\n", "incr z 1\r\n",
		"incr n 1\x00\r\n",
	)
}
