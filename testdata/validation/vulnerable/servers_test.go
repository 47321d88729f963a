package vulnerable

import (
	"bufio"
	"bytes"
	"io"
	"net"
	"os"
	"os/exec"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/cachevet/cachevet/cacheserver"
)

// The harm tests take their expectation from VALIDATION_EXPECT: "harm"
// (the default) for the vulnerable code, "fixed" for the copy cachevet -fix
// rewrote, where every attack must do no harm.
var expectFixed = os.Getenv("VALIDATION_EXPECT") == "fixed"

func init() {
	switch e := os.Getenv("VALIDATION_EXPECT"); e {
	case "", "harm", "fixed":
	default:
		panic("VALIDATION_EXPECT must be harm or fixed, not " + strconv.Quote(e))
	}
}

func mode() string {
	if expectFixed {
		return "fixed"
	}
	return "harm"
}

// server is a running cache server and what it executed, seen from the
// server: the Observer of the reference server or the -vv trace of real
// memcached.
type server struct {
	name     string
	addr     string
	hardened bool

	mu     sync.Mutex
	cmds   []string // executed command lines, "get foo", "set evil 0 0 5", ...
	nsync  int
	synced []string // the markers of sync seen in the log
}

func (s *server) record(line string) {
	s.mu.Lock()
	if strings.Contains(line, syncPrefix) {
		s.synced = append(s.synced, line)
	} else {
		s.cmds = append(s.cmds, line)
	}
	s.mu.Unlock()
}

// executed returns the command lines the server ran so far.
func (s *server) executed() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return slices.Clone(s.cmds)
}

// ran reports whether the server executed a command line starting with
// prefix.
func (s *server) ran(t *testing.T, prefix string) bool {
	t.Helper()
	return s.saw(t, func(l string) bool { return strings.HasPrefix(l, prefix) })
}

// saw reports whether the server executed a command line matching match.
func (s *server) saw(t *testing.T, match func(string) bool) bool {
	t.Helper()
	s.sync(t)
	return slices.ContainsFunc(s.executed(), match)
}

// sync waits until the log holds every command the server ran so far.
// The Observer runs before the reply; memcached's -vv trace reaches the
// test through a pipe, so a marker command is sent and awaited: memcached
// writes a command's trace line before executing it.
func (s *server) sync(t *testing.T) {
	t.Helper()
	if s.name != "memcached" {
		return
	}
	s.mu.Lock()
	s.nsync++
	marker := "get " + syncPrefix + strconv.Itoa(s.nsync)
	s.mu.Unlock()
	raw(t, s.addr, marker+"\r\n")
	if !eventually(func() bool {
		s.mu.Lock()
		defer s.mu.Unlock()
		return slices.Contains(s.synced, marker)
	}) {
		t.Fatalf("memcached's -vv trace never showed %q", marker)
	}
}

const syncPrefix = "__validation_sync_"

// logExecuted prints the server-side command log.
func (s *server) logExecuted(t *testing.T) {
	t.Helper()
	s.sync(t)
	for _, l := range s.executed() {
		t.Logf("%s executed: %q", s.name, shorten(l))
	}
}

type serverKind struct {
	name  string
	start func(t *testing.T) *server
}

// kinds are the servers an attack is run against: the
// reference server in its default mode (memcached 1.6.18's behaviour),
// the hardened reference server, and real memcached when installed.
var kinds = []serverKind{
	{"cacheserver", func(t *testing.T) *server { return startCacheserver(t, false, nil) }},
	{"cacheserver-hardened", func(t *testing.T) *server { return startCacheserver(t, true, nil) }},
	{"memcached", startMemcached},
}

// forEachServer runs test against every kind of server.
func forEachServer(t *testing.T, test func(t *testing.T, s *server)) {
	for _, k := range kinds {
		t.Run(k.name, func(t *testing.T) {
			s := k.start(t)
			test(t, s)
			s.logExecuted(t)
		})
	}
}

func startCacheserver(t *testing.T, hardened bool, auth map[string]string) *server {
	t.Helper()
	name := "cacheserver"
	if hardened {
		name = "cacheserver-hardened"
	}
	s := &server{name: name, hardened: hardened}
	cfg := cacheserver.DefaultConfig()
	cfg.ListenAddrs, cfg.Port = nil, 0
	cfg.Hardened = hardened
	cfg.AuthFile = auth
	cfg.Observer = func(_ cacheserver.ConnInfo, c cacheserver.Command) {
		s.record(strings.TrimRight(string(c.Line), "\r\n"))
	}
	srv, err := cacheserver.New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	go srv.Serve(ln)
	t.Cleanup(func() { srv.Close() })
	s.addr = ln.Addr().String()
	return s
}

// memcachedBin returns the memcached on PATH (/usr/bin/memcached on
// Debian). Without one the test is skipped, unless CACHEVET_REQUIRE_TOOLS=1
// makes that an error.
func memcachedBin(t *testing.T) string {
	t.Helper()
	path, err := exec.LookPath("memcached")
	if err != nil {
		if os.Getenv("CACHEVET_REQUIRE_TOOLS") == "1" {
			t.Fatalf("CACHEVET_REQUIRE_TOOLS=1 but memcached is not installed: %v", err)
		}
		t.Skipf("skipping: memcached is not installed (set CACHEVET_REQUIRE_TOOLS=1 to make this an error): %v", err)
	}
	return path
}

// startMemcached starts real memcached on a free loopback port with -vv,
// whose trace ("<27 get foo") is the server-side command log.
func startMemcached(t *testing.T) *server {
	t.Helper()
	bin := memcachedBin(t)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	port := strconv.Itoa(ln.Addr().(*net.TCPAddr).Port)
	ln.Close()
	s := &server{name: "memcached", addr: "127.0.0.1:" + port}
	cmd := exec.Command(bin, "-u", "root", "-l", "127.0.0.1", "-U", "0", "-p", port, "-vv")
	stderr, err := cmd.StderrPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	done := make(chan struct{})
	go func() {
		defer close(done)
		sc := bufio.NewScanner(stderr)
		sc.Buffer(nil, 1<<20)
		for sc.Scan() {
			// "<27 set evil 0 0 5": a command read from fd 27.
			fd, line, ok := strings.Cut(strings.TrimPrefix(sc.Text(), "<"), " ")
			if !ok || !strings.HasPrefix(sc.Text(), "<") || fd == "" || strings.Trim(fd, "0123456789") != "" {
				continue
			}
			if strings.HasPrefix(line, "new ") || strings.HasPrefix(line, "connection closed") || strings.HasPrefix(line, "server listening") {
				continue
			}
			s.record(line)
		}
	}()
	t.Cleanup(func() {
		cmd.Process.Kill()
		cmd.Wait()
		<-done
	})
	deadline := time.Now().Add(5 * time.Second)
	for {
		c, err := net.DialTimeout("tcp", s.addr, time.Second)
		if err == nil {
			c.Close()
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("memcached did not start on %s: %v", s.addr, err)
		}
		time.Sleep(20 * time.Millisecond)
	}
	return s
}

// raw sends cmd on a new connection, as an attacker or an operator would,
// and returns the reply up to and including the line that ends it.
func raw(t *testing.T, addr, cmd string) string {
	t.Helper()
	c, err := net.DialTimeout("tcp", addr, time.Second)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	c.SetDeadline(time.Now().Add(3 * time.Second))
	if _, err := io.WriteString(c, cmd); err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	r := bufio.NewReader(c)
	for {
		line, err := r.ReadString('\n')
		out.WriteString(line)
		if err != nil {
			t.Logf("reading the reply to %q: %v", cmd, err)
			return out.String()
		}
		l := strings.TrimRight(line, "\r\n")
		if f := strings.Fields(l); len(f) >= 4 && f[0] == "VALUE" {
			n, _ := strconv.Atoi(f[3])
			data := make([]byte, n+2)
			if _, err := io.ReadFull(r, data); err != nil {
				t.Logf("reading the reply to %q: %v", cmd, err)
				return out.String()
			}
			out.Write(data)
			continue
		}
		switch {
		case l == "END", l == "STORED", l == "NOT_STORED", l == "EXISTS", l == "DELETED", l == "NOT_FOUND", l == "OK",
			strings.HasPrefix(l, "ERROR"), strings.HasPrefix(l, "CLIENT_ERROR"), strings.HasPrefix(l, "SERVER_ERROR"):
			return out.String()
		}
	}
}

// value returns the value of key as seen by a second connection, and
// whether it exists.
func value(t *testing.T, addr, key string) (string, bool) {
	t.Helper()
	reply := raw(t, addr, "get "+key+"\r\n")
	if reply == "END\r\n" {
		return "", false
	}
	head, rest, ok := strings.Cut(reply, "\r\n")
	if !ok || !strings.HasPrefix(head, "VALUE "+key+" ") {
		t.Fatalf("get %s: unexpected reply %q", key, reply)
	}
	v, _, _ := strings.Cut(rest, "\r\n")
	return v, true
}

// store sets key to v on a second connection.
func store(t *testing.T, addr, key, v string) {
	t.Helper()
	if reply := raw(t, addr, "set "+key+" 0 0 "+strconv.Itoa(len(v))+"\r\n"+v+"\r\n"); reply != "STORED\r\n" {
		t.Fatalf("set %s: %q", key, reply)
	}
}

// settle gives a server time to run what an application pipelined behind
// the reply it waited for, before asserting that something did not happen.
func settle() { time.Sleep(150 * time.Millisecond) }

// eventually polls cond for up to five seconds.
func eventually(cond func() bool) bool {
	for deadline := time.Now().Add(5 * time.Second); ; {
		if cond() {
			return true
		}
		if time.Now().After(deadline) {
			return false
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// shorten abbreviates long keys in log lines.
func shorten(s string) string {
	if len(s) <= 100 {
		return s
	}
	return s[:60] + "..." + s[len(s)-20:] + " (" + strconv.Itoa(len(s)) + " bytes)"
}
