// Package harness runs the services of this module against memcached
// servers and reads back, as an unauthenticated stranger would, what they
// cached: the end-to-end proof of what sensitivedata reports on ORM caches.
package harness

import (
	"bufio"
	"fmt"
	"io"
	"net"
	"net/url"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/cachevet/cachevet/cacheserver"
)

// A Server is a memcached server a test runs against.
type Server struct {
	Name string
	Addr string
}

// Servers starts the servers a test runs against: the reference server,
// and real memcached when installed (required with
// CACHEVET_REQUIRE_TOOLS=1).
func Servers(t *testing.T) []Server {
	t.Helper()
	out := []Server{{"cacheserver", startCacheserver(t)}}
	if addr, ok := startMemcached(t); ok {
		out = append(out, Server{"memcached", addr})
	}
	return out
}

func startCacheserver(t *testing.T) string {
	t.Helper()
	cfg := cacheserver.DefaultConfig()
	cfg.ListenAddrs, cfg.Port = nil, 0
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
	return ln.Addr().String()
}

func startMemcached(t *testing.T) (string, bool) {
	t.Helper()
	bin, err := exec.LookPath("memcached")
	if err != nil {
		if os.Getenv("CACHEVET_REQUIRE_TOOLS") == "1" {
			t.Fatalf("CACHEVET_REQUIRE_TOOLS=1 but memcached is not installed: %v", err)
		}
		t.Logf("memcached is not installed: running against the reference server only")
		return "", false
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	port := strconv.Itoa(ln.Addr().(*net.TCPAddr).Port)
	ln.Close()
	cmd := exec.Command(bin, "-u", "root", "-l", "127.0.0.1", "-U", "0", "-p", port)
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		cmd.Process.Kill()
		cmd.Wait()
	})
	addr := "127.0.0.1:" + port
	for i := 0; ; i++ {
		c, err := net.DialTimeout("tcp", addr, time.Second)
		if err == nil {
			c.Close()
			return addr, true
		}
		if i == 250 {
			t.Fatalf("memcached did not start on %s: %v", addr, err)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// Dump connects to addr without credentials, lists every key with
// lru_crawler metadump all and reads each with get: what anyone who
// reaches the server can do. It returns the values by key.
func Dump(t *testing.T, addr string) map[string]string {
	t.Helper()
	listing := command(t, addr, "lru_crawler metadump all\r\n", "END\r\n")
	values := map[string]string{}
	for _, line := range strings.Split(listing, "\n") {
		field, _, _ := strings.Cut(strings.TrimSpace(line), " ")
		escaped, ok := strings.CutPrefix(field, "key=")
		if !ok {
			continue
		}
		key, err := url.QueryUnescape(escaped)
		if err != nil {
			t.Fatalf("metadump listed a malformed key %q", escaped)
		}
		reply := command(t, addr, "get "+key+"\r\n", "END\r\n")
		t.Logf("get %s -> %q", key, reply)
		values[key] = reply
	}
	t.Logf("lru_crawler metadump all listed %d keys", len(values))
	return values
}

// command sends cmd on a new connection and reads the reply up to end.
func command(t *testing.T, addr, cmd, end string) string {
	t.Helper()
	c, err := net.DialTimeout("tcp", addr, time.Second)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	c.SetDeadline(time.Now().Add(5 * time.Second))
	if _, err := io.WriteString(c, cmd); err != nil {
		t.Fatal(err)
	}
	var out strings.Builder
	r := bufio.NewReader(c)
	for {
		line, err := r.ReadString('\n')
		out.WriteString(line)
		if line == end || strings.HasPrefix(line, "ERROR") || strings.HasPrefix(line, "CLIENT_ERROR") || strings.HasPrefix(line, "SERVER_ERROR") {
			return out.String()
		}
		if err != nil {
			t.Fatalf("%q: %v after %q", strings.TrimSpace(cmd), err, out.String())
		}
	}
}

// Holding returns the keys whose values hold every one of the texts.
func Holding(values map[string]string, texts ...string) []string {
	var keys []string
	for k, v := range values {
		all := true
		for _, s := range texts {
			all = all && strings.Contains(v, s)
		}
		if all {
			keys = append(keys, k)
		}
	}
	return keys
}

// Users are the rows the tests create: their secrets are what must not be
// read back.
var Users = []struct{ Name, Email, PasswordHash string }{
	{"alice", "alice@example.com", "$2a$10$N9qo8uLOickgx2ZMRZoMyeIjZAgcfl7p92ldGxad68LJZdL17lhWy"},
	{"bob", "bob@example.com", "$2a$10$7EqJtq98hPqEX7fNZaFWoOhi5BWX4Z3ZSs0w3Gy7rZ1bJDPp9R4eC"},
}

// Secrets are the texts of Users a dump must not hold.
func Secrets() []string {
	var s []string
	for _, u := range Users {
		s = append(s, u.Email, u.PasswordHash)
	}
	return s
}

// DB is a fresh SQLite database file for one test.
func DB(t *testing.T) string { return fmt.Sprintf("%s/users.db", t.TempDir()) }
