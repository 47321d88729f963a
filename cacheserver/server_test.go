package cacheserver

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"net"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/bradfitz/gomemcache/memcache"
)

func TestConcurrentClientsNoLostWrites(t *testing.T) {
	srv, addr := startTestServer(t, nil)
	const workers, perWorker = 16, 200
	var wg sync.WaitGroup
	errs := make(chan error, workers)
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func(w int) {
			defer wg.Done()
			mc := memcache.New(addr)
			mc.Timeout = 5 * time.Second
			for i := 0; i < perWorker; i++ {
				key := fmt.Sprintf("w%d:k%d", w, i)
				if err := mc.Set(&memcache.Item{Key: key, Value: []byte(key), Flags: uint32(i)}); err != nil {
					errs <- fmt.Errorf("set %s: %v", key, err)
					return
				}
				if _, err := mc.Increment("shared-counter", 1); err != nil && err != memcache.ErrCacheMiss {
					errs <- fmt.Errorf("incr: %v", err)
					return
				}
			}
			for i := 0; i < perWorker; i++ {
				key := fmt.Sprintf("w%d:k%d", w, i)
				it, err := mc.Get(key)
				if err != nil || string(it.Value) != key || it.Flags != uint32(i) {
					errs <- fmt.Errorf("get %s: %v %+v", key, err, it)
					return
				}
			}
		}(w)
	}
	// The counter must exist before the increments race.
	if err := memcache.New(addr).Set(&memcache.Item{Key: "shared-counter", Value: []byte("0")}); err != nil {
		t.Fatal(err)
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	srv.store.checkInvariants(t)
}

func TestConcurrentIncrementsAreAtomic(t *testing.T) {
	_, addr := startTestServer(t, nil)
	mc := memcache.New(addr)
	if err := mc.Set(&memcache.Item{Key: "n", Value: []byte("0")}); err != nil {
		t.Fatal(err)
	}
	const workers, each = 8, 250
	var wg sync.WaitGroup
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			c := memcache.New(addr)
			for i := 0; i < each; i++ {
				if _, err := c.Increment("n", 1); err != nil {
					t.Error(err)
					return
				}
			}
		}()
	}
	wg.Wait()
	it, err := mc.Get("n")
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.TrimSpace(string(it.Value)); got != fmt.Sprint(workers*each) {
		t.Fatalf("counter = %s, want %d", got, workers*each)
	}
}

func TestMemoryLimitUnderOverfill(t *testing.T) {
	srv, addr := startTestServer(t, func(c *Config) { c.MaxBytes = 4 << 20 })
	mc := memcache.New(addr)
	value := []byte(strings.Repeat("v", 10000))
	for i := 0; i < 4000; i++ { // ~40 MB into a 4 MB cache
		if err := mc.Set(&memcache.Item{Key: fmt.Sprint("fill", i), Value: value}); err != nil {
			t.Fatalf("set %d: %v", i, err)
		}
	}
	srv.store.checkInvariants(t)
	sc := srv.store.snapshotCounters()
	if sc.evictions == 0 {
		t.Fatal("no evictions after overfilling the cache")
	}
	if _, err := mc.Get("fill3999"); err != nil {
		t.Fatalf("most recent item evicted: %v", err)
	}
	if _, err := mc.Get("fill0"); err != memcache.ErrCacheMiss {
		t.Fatalf("oldest item still present: %v", err)
	}
}

func TestDisabledEvictionsReportOutOfMemory(t *testing.T) {
	_, addr := startTestServer(t, func(c *Config) { c.MaxBytes = 2 << 20; c.DisableEvict = true })
	c := dialTest(t, addr)
	value := strings.Repeat("v", 10000)
	var last string
	for i := 0; i < 400; i++ {
		last, _ = c.roundTrip(fmt.Sprintf("set k%d 0 0 %d\r\n%s\r\n", i, len(value), value))
	}
	if last != "SERVER_ERROR out of memory storing object\r\n" {
		t.Fatalf("last store answered %q", last)
	}
}

// TestDeclaredLengthIsNotAllocated sends a 64 MiB value to a server with
// -I 1m: it must be swallowed in fixed-size reads, not buffered.
func TestDeclaredLengthIsNotAllocated(t *testing.T) {
	_, addr := startTestServer(t, nil)
	nc, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	defer nc.Close()
	const size = 64 << 20
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	go func() {
		fmt.Fprintf(nc, "set huge 0 0 %d\r\n", size)
		chunk := make([]byte, 1<<20)
		for sent := 0; sent < size; sent += len(chunk) {
			nc.Write(chunk)
		}
		io.WriteString(nc, "\r\nversion\r\n")
	}()
	r := bufio.NewReader(nc)
	nc.SetReadDeadline(time.Now().Add(20 * time.Second))
	line1, _ := r.ReadString('\n')
	line2, _ := r.ReadString('\n')
	runtime.ReadMemStats(&after)
	if line1 != "SERVER_ERROR object too large for cache\r\n" || line2 != "VERSION 1.6.18\r\n" {
		t.Fatalf("got %q %q", line1, line2)
	}
	if grew := after.TotalAlloc - before.TotalAlloc; grew > 16<<20 {
		t.Fatalf("server allocated %d bytes while swallowing a %d-byte value", grew, size)
	}
}

func TestConnectionLimit(t *testing.T) {
	// memcached keeps 23 descriptors back and counts the listener, so
	// -c 30 admits five clients.
	srv, addr := startTestServer(t, func(c *Config) { c.MaxConns = 30 })
	var clients []*testClient
	for i := 0; i < 5; i++ {
		c := dialTest(t, addr)
		if resp, _ := c.roundTrip("version\r\n"); resp != "VERSION 1.6.18\r\n" {
			t.Fatalf("client %d: %q", i, resp)
		}
		clients = append(clients, c)
	}
	extra := dialTest(t, addr)
	extra.nc.SetReadDeadline(time.Now().Add(2 * time.Second))
	rejected, _ := io.ReadAll(extra.nc)
	if string(rejected) != "ERROR Too many open connections\r\n" {
		t.Fatalf("sixth client got %q", rejected)
	}
	if srv.stats.rejectedConns.Load() != 1 {
		t.Fatalf("rejected_connections = %d", srv.stats.rejectedConns.Load())
	}
	clients[0].nc.Close()
	waitFor(t, func() bool { srv.mu.Lock(); defer srv.mu.Unlock(); return len(srv.conns) == 4 })
	if resp, _ := dialTest(t, addr).roundTrip("version\r\n"); resp != "VERSION 1.6.18\r\n" {
		t.Fatalf("after a client left: %q", resp)
	}
}

func waitFor(t *testing.T, cond func() bool) {
	t.Helper()
	for deadline := time.Now().Add(3 * time.Second); time.Now().Before(deadline); time.Sleep(2 * time.Millisecond) {
		if cond() {
			return
		}
	}
	t.Fatal("condition not reached")
}

// textCommands covers every text command path for the auth test.
var textCommands = []string{
	"get a\r\n", "gets a\r\n", "gat 0 a\r\n", "gats 0 a\r\n", "bget a\r\n",
	"add a 0 0 1\r\n", "replace a 0 0 1\r\n", "append a 0 0 1\r\n", "prepend a 0 0 1\r\n",
	"cas a 0 0 1 1\r\n", "incr a 1\r\n", "decr a 1\r\n", "delete a\r\n", "touch a 0\r\n",
	"stats\r\n", "stats items\r\n", "stats cachedump 1 0\r\n", "lru_crawler metadump all\r\n",
	"watch\r\n", "flush_all\r\n", "version\r\n", "verbosity 1\r\n", "quit\r\n",
	"mg a v\r\n", "ms a 1\r\n", "md a\r\n", "ma a\r\n", "mn\r\n", "me a\r\n", "cache_memlimit 100\r\n",
	"shutdown\r\n", "slabs automove 1\r\n", "lru_crawler crawl all\r\n",
}

func TestAuthFileGuardsEveryCommand(t *testing.T) {
	var seen []string
	var mu sync.Mutex
	_, addr := startTestServer(t, func(c *Config) {
		c.AuthFile = map[string]string{"user1": "pass1"}
		c.Observer = func(_ ConnInfo, cmd Command) {
			mu.Lock()
			seen = append(seen, cmd.Verb)
			mu.Unlock()
		}
	})
	for _, cmd := range textCommands {
		c := dialTest(t, addr)
		io.WriteString(c.nc, cmd)
		c.nc.SetReadDeadline(time.Now().Add(2 * time.Second))
		if line, err := c.r.ReadString('\n'); line != "CLIENT_ERROR unauthenticated\r\n" {
			t.Errorf("%q before login: %q %v", cmd, line, err)
		}
	}
	c := dialTest(t, addr)
	io.WriteString(c.nc, "get a\r\n")
	c.nc.SetReadDeadline(time.Now().Add(2 * time.Second))
	if line, _ := c.r.ReadString('\n'); line != "CLIENT_ERROR unauthenticated\r\n" {
		t.Fatalf("get before login: %q", line)
	}
	io.WriteString(c.nc, "set x 0 0 11\r\nuser1 pass1\r\n")
	if line, _ := c.r.ReadString('\n'); line != "STORED\r\n" {
		t.Fatalf("login: %q", line)
	}
	if resp, _ := c.roundTrip("set a 0 0 1\r\nx\r\nget a\r\n"); resp != "STORED\r\nVALUE a 0 1\r\nx\r\nEND\r\n" {
		t.Fatalf("after login: %q", resp)
	}
	mu.Lock()
	defer mu.Unlock()
	for _, v := range seen {
		if v != "auth" && v != "set" && v != "get" && v != "mn" {
			// Only the post-login commands may have been dispatched.
			t.Fatalf("observer saw %q executed before authentication", v)
		}
	}
}

func TestSASLGuardsEveryBinaryOpcode(t *testing.T) {
	_, addr := startTestServer(t, func(c *Config) {
		c.SASL = true
		c.Protocol = ProtocolBinary
		c.SASLUsers = map[string]string{"u": "p"}
	})
	for op := range binaryOpNames {
		if op == opSASLList || op == opSASLAuth || op == opSASLStep || op == opVersion {
			continue
		}
		nc, err := net.Dial("tcp", addr)
		if err != nil {
			t.Fatal(err)
		}
		pkt := make([]byte, 24)
		pkt[0], pkt[1] = binaryRequestMagic, op
		nc.Write(pkt)
		nc.SetReadDeadline(time.Now().Add(2 * time.Second))
		resp, _ := io.ReadAll(nc)
		nc.Close()
		if len(resp) < 24 || resp[7] != binAuthError || !strings.HasSuffix(string(resp), "Auth failure.") {
			t.Errorf("opcode %#x before auth: %q", op, resp)
		}
	}
	// Authenticate, then a set works.
	nc, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	defer nc.Close()
	auth := binaryPacket(opSASLAuth, []byte("PLAIN"), nil, []byte("\x00u\x00p"))
	nc.Write(auth)
	hdr := readPacket(t, nc)
	if hdr.status != binOK || string(hdr.body) != "Authenticated" {
		t.Fatalf("auth: %+v", hdr)
	}
	nc.Write(binaryPacket(opSet, []byte("k"), make([]byte, 8), []byte("v")))
	if p := readPacket(t, nc); p.status != binOK {
		t.Fatalf("set after auth: %+v", p)
	}
}

func binaryPacket(op byte, key, extras, value []byte) []byte {
	p := make([]byte, 24, 24+len(key)+len(extras)+len(value))
	p[0], p[1] = binaryRequestMagic, op
	p[2], p[3] = byte(len(key)>>8), byte(len(key))
	p[4] = byte(len(extras))
	n := len(key) + len(extras) + len(value)
	p[8], p[9], p[10], p[11] = byte(n>>24), byte(n>>16), byte(n>>8), byte(n)
	return append(append(append(p, extras...), key...), value...)
}

type packet struct {
	status uint16
	body   []byte
}

func readPacket(t *testing.T, nc net.Conn) packet {
	t.Helper()
	nc.SetReadDeadline(time.Now().Add(2 * time.Second))
	h := make([]byte, 24)
	if _, err := io.ReadFull(nc, h); err != nil {
		t.Fatal(err)
	}
	n := int(h[8])<<24 | int(h[9])<<16 | int(h[10])<<8 | int(h[11])
	body := make([]byte, n)
	if _, err := io.ReadFull(nc, body); err != nil {
		t.Fatal(err)
	}
	return packet{status: uint16(h[6])<<8 | uint16(h[7]), body: body[int(h[4])+(int(h[2])<<8|int(h[3])):]}
}

func TestHardenedMode(t *testing.T) {
	_, addr := startTestServer(t, func(c *Config) { c.Hardened = true })
	c := dialTest(t, addr)
	long := strings.Repeat("a", 251)
	steps := []struct{ req, want string }{
		{"set victim 0 0 6\r\nvictim\r\n", "STORED\r\n"},
		// 1.6.18 would run "delete victim"; hardened swallows the block.
		{"set " + long + " 0 0 13\r\ndelete victim\r\n", "CLIENT_ERROR bad command line format\r\n"},
		{"set k x 0 13\r\ndelete victim\r\n", "CLIENT_ERROR bad command line format\r\n"},
		{"get victim\r\n", "VALUE victim 0 6\r\nvictim\r\nEND\r\n"},
		{"stats cachedump 1 0\r\n", "CLIENT_ERROR stats cachedump not allowed\r\n"},
		{"lru_crawler metadump all\r\n", "ERROR metadump not allowed\r\n"},
		{"me victim\r\n", "CLIENT_ERROR meta debug disabled\r\n"},
		{"watch\r\n", "CLIENT_ERROR watch commands not allowed\r\n"},
	}
	for _, s := range steps {
		if got, _ := c.roundTrip(s.req); got != s.want {
			t.Errorf("%q: got %q, want %q", s.req, got, s.want)
		}
	}
	cfg := DefaultConfig()
	cfg.Hardened = true
	cfg.ListenAddrs = []string{"0.0.0.0"}
	cfg.Port = 0
	srv, err := New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	if err := srv.Start(); err == nil {
		srv.Close()
		t.Fatal("hardened server started on 0.0.0.0 without authentication")
	}
	// Serve applies the same rule (a fake listener: tests never bind
	// every interface).
	if err := srv.Serve(wildcardListener{}); err == nil {
		t.Fatal("hardened server served a wildcard listener without authentication")
	}
	cfg.AuthFile = map[string]string{"u": "p"}
	authed, err := New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	if err := authed.checkExposure(cfg.ListenAddrs); err != nil {
		t.Fatalf("hardened server with -Y refused 0.0.0.0: %v", err)
	}
}

func TestFaithfulModeRunsDataAsCommand(t *testing.T) {
	var mu sync.Mutex
	var verbs []string
	_, addr := startTestServer(t, func(c *Config) {
		c.Observer = func(_ ConnInfo, cmd Command) {
			mu.Lock()
			verbs = append(verbs, cmd.Verb+" "+strings.Join(cmd.Keys, ","))
			mu.Unlock()
		}
	})
	c := dialTest(t, addr)
	c.roundTrip("set victim 0 0 6\r\nvictim\r\n")
	got, _ := c.roundTrip("set " + strings.Repeat("a", 251) + " 0 0 13\r\ndelete victim\r\n")
	if got != "CLIENT_ERROR bad command line format\r\nDELETED\r\n" {
		t.Fatalf("got %q", got)
	}
	mu.Lock()
	defer mu.Unlock()
	found := false
	for _, v := range verbs {
		found = found || v == "delete victim"
	}
	if !found {
		t.Fatalf("observer did not see the injected delete: %q", verbs)
	}
}

func TestIdleTimeout(t *testing.T) {
	_, addr := startTestServer(t, func(c *Config) { c.IdleTimeout = 200 * time.Millisecond })
	c := dialTest(t, addr)
	start := time.Now()
	c.nc.SetReadDeadline(time.Now().Add(3 * time.Second))
	if _, err := c.r.ReadByte(); err == nil {
		t.Fatal("idle connection got data")
	}
	if d := time.Since(start); d > 2*time.Second {
		t.Fatalf("idle connection not closed after %v", d)
	}
}

// TestIdleTimeoutCountsFromLastRequest: bytes of an unterminated line do
// not keep a connection alive; only complete requests do (memcached kicks
// such a client, 30 of 30 in the probe).
func TestIdleTimeoutCountsFromLastRequest(t *testing.T) {
	_, addr := startTestServer(t, func(c *Config) { c.IdleTimeout = 300 * time.Millisecond })
	c := dialTest(t, addr)
	if got, closed := c.roundTrip("version\r\n"); closed || got != "VERSION "+Version+"\r\n" {
		t.Fatalf("version: %q closed %v", got, closed)
	}
	c.nc.SetDeadline(time.Time{}) // roundTrip's deadline covers writes too
	// Trickle a line for ten times the timeout, a byte every 50 ms.
	kicked := false
	for range 60 {
		if _, err := c.nc.Write([]byte("g")); err != nil {
			kicked = !errors.Is(err, os.ErrDeadlineExceeded)
			break
		}
		c.nc.SetReadDeadline(time.Now().Add(50 * time.Millisecond))
		if _, err := c.r.ReadByte(); err != nil {
			if ne, ok := err.(net.Error); !ok || !ne.Timeout() {
				kicked = true
				break
			}
		} else {
			t.Fatal("an unterminated line got an answer")
		}
	}
	if !kicked {
		t.Error("a client trickling an unterminated line was never kicked")
	}
}

func TestUnixSocket(t *testing.T) {
	dir := t.TempDir()
	cfg := DefaultConfig()
	cfg.Log = io.Discard
	cfg.UnixSocket = filepath.Join(dir, "mc.sock")
	cfg.UnixMask = 0o750 // memcached -a: the socket's permission bits
	srv, err := New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	if err := srv.Start(); err != nil {
		t.Fatal(err)
	}
	defer srv.Close()
	fi, err := os.Stat(cfg.UnixSocket)
	if err != nil {
		t.Fatal(err)
	}
	if fi.Mode().Perm() != 0o750 {
		t.Fatalf("socket mode %v, want 0750", fi.Mode().Perm())
	}
	nc, err := net.Dial("unix", cfg.UnixSocket)
	if err != nil {
		t.Fatal(err)
	}
	c := &testClient{t: t, nc: nc, r: bufio.NewReader(nc)}
	defer nc.Close()
	if got, _ := c.roundTrip("set a 0 0 1\r\nx\r\nget a\r\n"); got != "STORED\r\nVALUE a 0 1\r\nx\r\nEND\r\n" {
		t.Fatalf("got %q", got)
	}
}

func TestWatchStreamsFetchesAndMutations(t *testing.T) {
	_, addr := startTestServer(t, nil)
	w := dialTest(t, addr)
	io.WriteString(w.nc, "watch fetchers mutations\r\n")
	w.nc.SetReadDeadline(time.Now().Add(2 * time.Second))
	if line, _ := w.r.ReadString('\n'); line != "OK\r\n" {
		t.Fatalf("watch: %q", line)
	}
	c := dialTest(t, addr)
	c.roundTrip("set secret:alice 0 0 6\r\nhunter\r\nget secret:alice\r\n")
	want := []string{
		"type=item_get key=secret%3Aalice status=not_found clsid=0 cfd=25 size=0",
		"type=item_store key=secret%3Aalice status=stored cmd=set ttl=0 clsid=1 cfd=25 size=6",
		"type=item_get key=secret%3Aalice status=found clsid=1 cfd=25 size=6",
	}
	for i, wl := range want {
		line, err := w.r.ReadString('\n')
		if err != nil {
			t.Fatal(err)
		}
		if _, rest, _ := strings.Cut(line, " gid="); !strings.HasSuffix(strings.TrimSuffix(rest, "\n"), wl) {
			t.Errorf("log line %d: %q, want suffix %q", i, line, wl)
		}
	}
}

// TestLargeMultigetIsStreamed fetches one 512 KiB value 100 times in one
// get: the ~50 MiB answer must be streamed, not buffered whole.
func TestLargeMultigetIsStreamed(t *testing.T) {
	_, addr := startTestServer(t, nil)
	c := dialTest(t, addr)
	value := strings.Repeat("v", 512<<10)
	if resp, _ := c.roundTrip(fmt.Sprintf("set big 0 0 %d\r\n%s\r\n", len(value), value)); resp != "STORED\r\n" {
		t.Fatalf("set: %q", resp)
	}
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	io.WriteString(c.nc, "get"+strings.Repeat(" big", 100)+"\r\n")
	c.nc.SetReadDeadline(time.Now().Add(20 * time.Second))
	want := 100*(len("VALUE big 0 524288\r\n")+len(value)+2) + len("END\r\n")
	n, err := io.CopyN(io.Discard, c.r, int64(want))
	runtime.ReadMemStats(&after)
	if err != nil || n != int64(want) {
		t.Fatalf("read %d of %d bytes: %v", n, want, err)
	}
	if grew := after.TotalAlloc - before.TotalAlloc; grew > 24<<20 {
		t.Fatalf("server allocated %d bytes to send a %d-byte multiget", grew, want)
	}
}

// syncBuffer is a goroutine-safe log sink.
type syncBuffer struct {
	mu sync.Mutex
	b  strings.Builder
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// TestVerboseTrace pins the -vv trace format, recorded from memcached 1.6.18.
func TestVerboseTrace(t *testing.T) {
	var log syncBuffer
	srv, addr := startTestServer(t, func(c *Config) { c.Verbosity = 2; c.Log = &log })
	c := dialTest(t, addr)
	c.roundTrip("set foo 0 0 3\r\nbar\r\nget foo bar\r\nincr x 1\r\nbogus\r\nset n 0 0 1 noreply\r\n5\r\n")
	io.WriteString(c.nc, "quit\r\n")
	waitFor(t, func() bool { srv.mu.Lock(); defer srv.mu.Unlock(); return len(srv.conns) == 0 })
	want := `<23 server listening (auto-negotiate)
<24 new auto-negotiating client connection
24: Client using the ascii protocol
<24 set foo 0 0 3
>24 STORED
<24 get foo bar
>24 sending key foo
>24 END
<24 incr x 1
>24 NOT_FOUND
<24 bogus
>24 ERROR
<24 set n 0 0 1 noreply
>24 NOREPLY STORED
<24 mn
>24 MN
<24 quit
<24 connection closed.
`
	if got := log.String(); got != want {
		t.Errorf("trace:\n%s\nwant:\n%s", got, want)
	}
}

// wildcardListener claims to listen on 0.0.0.0 without binding anything.
type wildcardListener struct{}

func (wildcardListener) Accept() (net.Conn, error) { return nil, net.ErrClosed }
func (wildcardListener) Close() error              { return nil }
func (wildcardListener) Addr() net.Addr            { return &net.TCPAddr{IP: net.IPv4zero, Port: 11211} }

// TestWatchersUnderLoad runs watchers, stats and metadump readers while
// clients write, for the race detector.
func TestWatchersUnderLoad(t *testing.T) {
	_, addr := startTestServer(t, nil)
	var wg sync.WaitGroup
	for i := 0; i < 2; i++ {
		w := dialTest(t, addr)
		io.WriteString(w.nc, "watch fetchers mutations evictions\r\n")
		wg.Add(1)
		go func() {
			defer wg.Done()
			w.nc.SetReadDeadline(time.Now().Add(2 * time.Second))
			io.Copy(io.Discard, w.r)
		}()
	}
	var clients sync.WaitGroup
	for i := 0; i < 8; i++ {
		clients.Add(1)
		go func(i int) {
			defer clients.Done()
			c := dialTest(t, addr)
			for j := 0; j < 100; j++ {
				c.roundTrip(fmt.Sprintf("set k%d 0 0 1\r\nx\r\nget k%d\r\nincr n 1\r\nstats\r\nstats conns\r\n", j, j))
			}
			d := dialTest(t, addr)
			d.roundTrip("lru_crawler metadump all\r\n")
		}(i)
	}
	clients.Wait()
	wg.Wait()
}

// TestStartDefaultsToLoopback: Start with no addresses listens on
// 127.0.0.1 only, on a free port when Port is 0.
func TestStartDefaultsToLoopback(t *testing.T) {
	srv, err := New(Config{Log: io.Discard})
	if err != nil {
		t.Fatal(err)
	}
	if err := srv.Start(); err != nil {
		t.Fatal(err)
	}
	defer srv.Close()
	addrs := srv.Addrs()
	if len(addrs) != 1 || !addrs[0].(*net.TCPAddr).IP.IsLoopback() || addrs[0].(*net.TCPAddr).Port == 0 {
		t.Fatalf("listening on %v, want one loopback address", addrs)
	}
	if got, _ := dialTest(t, addrs[0].String()).roundTrip("version\r\n"); got != "VERSION 1.6.18\r\n" {
		t.Fatalf("version: %q", got)
	}
}
