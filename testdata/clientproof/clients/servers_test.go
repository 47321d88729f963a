package clients

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

// A server is a running cache server and the commands it executed, seen
// from the server: the Observer of the reference server or the -vv trace
// of real memcached. This is testdata/validation's harness, trimmed to
// what the client proofs need; binary commands are logged as "bin:set
// <key>" by the reference server and "SET <key>" by memcached.
type server struct {
	name string
	addr string

	mu     sync.Mutex
	cmds   []string
	nsync  int
	synced []string
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

// executed returns the commands the server ran so far.
func (s *server) executed(t *testing.T) []string {
	t.Helper()
	s.sync(t)
	s.mu.Lock()
	defer s.mu.Unlock()
	return slices.Clone(s.cmds)
}

// ran reports whether the server executed a command starting with prefix.
func (s *server) ran(t *testing.T, prefix string) bool {
	t.Helper()
	return s.saw(t, func(l string) bool { return strings.HasPrefix(l, prefix) })
}

// saw reports whether the server executed a command matching match.
func (s *server) saw(t *testing.T, match func(string) bool) bool {
	t.Helper()
	return slices.ContainsFunc(s.executed(t), match)
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

const syncPrefix = "__clientproof_sync_"

// logExecuted prints the server-side command log.
func (s *server) logExecuted(t *testing.T) {
	t.Helper()
	for _, l := range s.executed(t) {
		t.Logf("%s executed: %s", s.name, shorten(strconv.Quote(l)))
	}
}

// forEachServer runs test against the reference server, which behaves as
// memcached 1.6.18, and against real memcached when it is installed.
func forEachServer(t *testing.T, test func(t *testing.T, s *server)) {
	t.Helper()
	for _, k := range []struct {
		name  string
		start func(*testing.T) *server
	}{
		{"cacheserver", startCacheserver},
		{"memcached", startMemcached},
	} {
		t.Run(k.name, func(t *testing.T) {
			t.Parallel()
			s := k.start(t)
			test(t, s)
			s.logExecuted(t)
		})
	}
}

func startCacheserver(t *testing.T) *server {
	t.Helper()
	s := &server{name: "cacheserver"}
	srv := cacheserver.RunT(t, func(c *cacheserver.Config) {
		c.Observer = func(_ cacheserver.ConnInfo, c cacheserver.Command) {
			if strings.HasPrefix(c.Verb, "bin:") {
				s.record(c.Verb + " " + strings.Join(c.Keys, " "))
				return
			}
			s.record(strings.TrimRight(string(c.Line), "\r\n"))
		}
	})
	s.addr = srv.Addr()
	return s
}

// memcachedBin returns the memcached on PATH. Without one the test is
// skipped, unless CACHEVET_REQUIRE_TOOLS=1 makes that an error.
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
// whose trace ("<27 get foo", "<27 SET foo") is the server-side log.
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
			fd, line, ok := strings.Cut(strings.TrimPrefix(sc.Text(), "<"), " ")
			if !ok || !strings.HasPrefix(sc.Text(), "<") || fd == "" || strings.Trim(fd, "0123456789") != "" {
				continue
			}
			switch {
			case strings.HasPrefix(line, " "): // a binary header's hex dump
				continue
			case strings.HasPrefix(line, "new "), strings.HasPrefix(line, "connection closed"),
				strings.HasPrefix(line, "server listening"), strings.HasPrefix(line, "Read binary protocol data"):
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
	if !eventually(func() bool {
		c, err := net.DialTimeout("tcp", s.addr, time.Second)
		if err == nil {
			c.Close()
		}
		return err == nil
	}) {
		t.Fatalf("memcached did not start on %s", s.addr)
	}
	return s
}

// raw sends cmd on a new text-protocol connection, as an attacker or an
// operator would, and returns the reply up to the line that ends it.
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
			t.Logf("reading the reply to %q: %v", shorten(cmd), err)
			return out.String()
		}
		l := strings.TrimRight(line, "\r\n")
		if f := strings.Fields(l); len(f) >= 4 && f[0] == "VALUE" {
			n, _ := strconv.Atoi(f[3])
			data := make([]byte, n+2)
			if _, err := io.ReadFull(r, data); err != nil {
				t.Logf("reading the reply to %q: %v", shorten(cmd), err)
				return out.String()
			}
			out.Write(data)
			continue
		}
		switch {
		case l == "END", l == "STORED", l == "OK", l == "HD", l == "EN", l == "NF",
			strings.HasPrefix(l, "ERROR"), strings.HasPrefix(l, "CLIENT_ERROR"), strings.HasPrefix(l, "SERVER_ERROR"):
			return out.String()
		}
	}
}

// value returns the value of key as a second connection sees it, and
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

// settle gives a server time to run what a client pipelined behind the
// reply it waited for, before asserting that something did not happen.
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
	if len(s) <= 120 {
		return s
	}
	return s[:80] + "..." + s[len(s)-20:] + " (" + strconv.Itoa(len(s)) + " bytes)"
}
