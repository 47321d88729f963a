package vulnerable

import (
	"bufio"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/bradfitz/gomemcache/memcache"
	"github.com/cachevet/cachevet/cacheserver"
)

// Each test attacks one handler the way a remote client would, through an
// HTTP request, and checks the damage on the server side. With
// VALIDATION_EXPECT=fixed the same attack must do no harm, and the handler
// must still work for ordinary input.

func newApp(s *server) *App {
	return &App{CacheAddr: s.addr, MC: memcache.New(s.addr), Backend: &Backend{}}
}

// request runs one HTTP request through handler and returns the body.
func request(t *testing.T, handler http.HandlerFunc, method, target string) string {
	t.Helper()
	rec := httptest.NewRecorder()
	handler(rec, httptest.NewRequest(method, target, nil))
	t.Logf("app: %s %s -> %d %q", method, shorten(target), rec.Code, rec.Body.String())
	return rec.Body.String()
}

// check fails unless got is what this run expects: harm for the vulnerable
// code, none for the fixed copy.
func check(t *testing.T, harmed bool, what string) {
	t.Helper()
	switch {
	case harmed && expectFixed:
		t.Errorf("fixed code still harmed: %s", what)
	case !harmed && !expectFixed:
		t.Errorf("the attack did no harm on the vulnerable code: %s", what)
	case harmed:
		t.Logf("HARM (expected on the vulnerable code): %s", what)
	default:
		t.Logf("NO HARM (expected on the fixed code), averted: %s", what)
	}
}

// Class 1, keyinjection: "get %s\r\n" with id = "foo\r\nset evil 0 0 5\r\nhello".
func TestHarmCRLFInjection(t *testing.T) {
	forEachServer(t, func(t *testing.T, s *server) {
		store(t, s.addr, "foo", "bar")
		app := newApp(s)
		attack := "foo\r\nset evil 0 0 5\r\nhello"
		request(t, app.Item, "GET", "/item?id="+url.QueryEscape(attack))

		var stored bool
		if expectFixed {
			settle()
			_, stored = value(t, s.addr, "evil")
		} else {
			eventually(func() bool { _, stored = value(t, s.addr, "evil"); return stored })
		}
		injected := s.ran(t, "set evil 0 0 5")
		if injected != stored {
			t.Errorf("the server log says the injected set ran: %v, but evil stored: %v", injected, stored)
		}
		check(t, injected && stored, "the server executed the injected `set evil 0 0 5` and now holds evil")
		// A hardened server cannot tell an injected command from a real one.

		// Ordinary input still works.
		if got := request(t, app.Item, "GET", "/item?id=foo"); got != "bar" {
			t.Errorf("/item?id=foo = %q, want the cached bar", got)
		}
	})
}

// Class 2, keyinjection: a space turns "get profile:%s" into a multi-get.
func TestHarmMultiGetDisclosure(t *testing.T) {
	forEachServer(t, func(t *testing.T, s *server) {
		store(t, s.addr, "profile:a", "a's public profile")
		store(t, s.addr, "victim", "victim-secret")
		app := newApp(s)
		body := request(t, app.Profile, "GET", "/profile?id="+url.QueryEscape("a victim"))

		multi := s.ran(t, "get profile:a victim")
		leaked := strings.Contains(body, "victim-secret")
		if multi != leaked {
			t.Errorf("the server ran the multi-get: %v, but the response leaked victim's value: %v", multi, leaked)
		}
		check(t, multi && leaked, "the server answered `get profile:a victim` with two VALUEs and victim's value reached the attacker")

		if got := request(t, app.Profile, "GET", "/profile?id=a"); got != "a's public profile\n" {
			t.Errorf("/profile?id=a = %q, want the cached profile", got)
		}
	})
}

// Class 3, keyinjection through gomemcache: a space makes the client refuse
// the key (ErrMalformedKey), so every request reaches the database.
func TestHarmCacheBypassSpace(t *testing.T) {
	forEachServer(t, func(t *testing.T, s *server) {
		app := newApp(s)
		const n = 5
		for range n {
			request(t, app.Product, "GET", "/product?id="+url.QueryEscape("1 x"))
		}
		hits := app.Backend.Hits()
		sawKey := s.saw(t, func(l string) bool { return strings.Contains(l, "product:1") })
		t.Logf("backend hits: %d for %d requests; the server saw the key: %v", hits, n, sawKey)
		if hits == n && sawKey {
			t.Errorf("the server saw the product key, yet every request reached the backend")
		}
		check(t, hits == n && !sawKey, "gomemcache never sent the key: every request bypassed the cache")
		if expectFixed && (hits != 1 || !sawKey) {
			t.Errorf("fixed code: %d backend hits for %d identical requests (want 1), the server saw the key: %v", hits, n, sawKey)
		}

		app = newApp(s)
		request(t, app.Product, "GET", "/product?id=7")
		request(t, app.Product, "GET", "/product?id=7")
		if h := app.Backend.Hits(); h != 1 {
			t.Errorf("two requests for id=7 reached the backend %d times, want 1", h)
		}
	})
}

// Class 4, keylength with the hand-written client: a 256-byte key makes
// memcached 1.6.18 reject the set line and run its data block.
func TestHarmLongKeyDataExecution(t *testing.T) {
	forEachServer(t, func(t *testing.T, s *server) {
		store(t, s.addr, "victim", "victim")
		app := newApp(s)
		q := url.Values{"title": {strings.Repeat("a", 250)}, "body": {"delete victim"}}
		request(t, app.SaveDraft, "POST", "/draft?"+q.Encode())

		var gone bool
		if expectFixed || s.hardened {
			settle()
			_, ok := value(t, s.addr, "victim")
			gone = !ok
		} else {
			eventually(func() bool { _, ok := value(t, s.addr, "victim"); gone = !ok; return gone })
		}
		deleted := s.ran(t, "delete victim")
		if deleted != gone {
			t.Errorf("the server log says `delete victim` ran: %v, but victim is gone: %v", deleted, gone)
		}
		if s.hardened {
			// Hardened mode swallows the data block of a rejected line.
			if gone {
				t.Errorf("the hardened server ran the data block of a rejected set: victim deleted")
			} else {
				t.Logf("hardened server: the data block of the rejected set was swallowed; victim survives")
			}
		} else {
			check(t, deleted && gone, "the data block `delete victim` of the rejected 256-byte-key set ran and deleted victim")
		}

		// An ordinary draft is stored with its body, under draft:hello or,
		// once keylength's fix hashed the key, under its SHA-256 in hex.
		q = url.Values{"title": {"hello"}, "body": {"my draft"}}
		request(t, app.SaveDraft, "POST", "/draft?"+q.Encode())
		key := "draft:hello"
		if expectFixed {
			key = fmt.Sprintf("%x", sha256.Sum256([]byte(key)))
		}
		if !s.ran(t, "set "+key) {
			t.Errorf("the ordinary draft was never set under %s", key)
		}
		if v, ok := value(t, s.addr, key); !ok || v != "my draft" {
			t.Errorf("the ordinary draft is not stored under %s with its body: got %q (exists %v)", key, v, ok)
		}
	})
}

// Class 5, keylength through gomemcache: a query over 250 bytes makes the
// client refuse the key, so every request reaches the database.
func TestHarmCacheBypassLongKey(t *testing.T) {
	forEachServer(t, func(t *testing.T, s *server) {
		app := newApp(s)
		const n = 5
		long := strings.Repeat("x", 300)
		for range n {
			request(t, app.Search, "GET", "/search?q="+long)
		}
		hits := app.Backend.Hits()
		sawKey := s.saw(t, func(l string) bool { return strings.Contains(l, "search:") })
		t.Logf("backend hits: %d for %d requests; the server saw a search key: %v", hits, n, sawKey)
		check(t, hits == n && !sawKey, "gomemcache never sent the 307-byte key: every request bypassed the cache")
		if expectFixed && (hits != 1 || !sawKey) {
			t.Errorf("fixed code: %d backend hits for %d identical requests (want 1), the server saw the key: %v", hits, n, sawKey)
		}

		app = newApp(s)
		request(t, app.Search, "GET", "/search?q=go")
		request(t, app.Search, "GET", "/search?q=go")
		if h := app.Backend.Hits(); h != 1 {
			t.Errorf("two searches for go reached the backend %d times, want 1", h)
		}
	})
}

// Class 6, sensitivedata: the cached user row is read back by an
// unauthenticated second connection that lists the keys first. cachevet
// has no mechanical fix for it, so the harm is expected in both runs; the
// hardened server and -Y authentication are what stop it (see
// TestHardened*).
func TestHarmSensitiveDataDump(t *testing.T) {
	forEachServer(t, func(t *testing.T, s *server) {
		app := newApp(s)
		request(t, app.UserPage, "GET", "/user?id=42")

		dump := raw(t, s.addr, "lru_crawler metadump all\r\n")
		t.Logf("attacker: lru_crawler metadump all -> %q", dump)
		listed := strings.Contains(dump, "key=user%3A42 ")
		v, ok := value(t, s.addr, "user:42")
		t.Logf("attacker: get user:42 -> %q", v)
		read := ok && strings.Contains(v, "alice@example.com") && strings.Contains(v, "$2a$10$")
		if s.hardened {
			if listed || !strings.HasPrefix(dump, "ERROR") {
				t.Errorf("the hardened server served lru_crawler metadump: %q", dump)
			}
			// Without -Y a guessed key is still readable: see TestHardenedAuth.
			return
		}
		if !listed || !read {
			t.Errorf("no mechanical fix exists, so the data must still leak: key listed %v, e-mail and hash read %v", listed, read)
		} else {
			t.Logf("HARM (%s run; sensitivedata has no mechanical fix): the dump listed user:42 and get returned the e-mail and password hash", mode())
		}
	})
}

// Class 7, exposure: StartCache listens on every interface.
func TestHarmExposure(t *testing.T) {
	srv, err := StartCache(0)
	if err != nil {
		t.Fatal(err)
	}
	defer srv.Close()
	addr := srv.Addrs()[0].(*net.TCPAddr)
	t.Logf("StartCache listens on %s", addr)
	check(t, addr.IP.IsUnspecified(), "the cache listener is bound to every interface ("+addr.String()+")")
	if !addr.IP.IsUnspecified() && !addr.IP.IsLoopback() {
		t.Errorf("the listener is on %s, neither every interface nor loopback", addr)
	}

	checkReachable(t, addr.Port)
}

// checkReachable connects to port through a non-loopback address of this
// host, as another host on the network would.
func checkReachable(t *testing.T, port int) {
	t.Helper()
	ifaddrs, _ := net.InterfaceAddrs()
	for _, a := range ifaddrs {
		ipn, ok := a.(*net.IPNet)
		if !ok || ipn.IP.IsLoopback() || ipn.IP.To4() == nil {
			continue
		}
		target := net.JoinHostPort(ipn.IP.String(), strconv.Itoa(port))
		c, err := net.DialTimeout("tcp", target, time.Second)
		if err == nil {
			c.Close()
		}
		check(t, err == nil, "a connection to "+target+" through a non-loopback interface was accepted")
		return
	}
	t.Logf("this host has no non-loopback IPv4 address: reachability from the network is not checked")
}

// Class 7 with real memcached: StartMemcached runs it without -l.
func TestHarmExposureMemcached(t *testing.T) {
	memcachedBin(t) // StartMemcached runs the memcached on PATH
	port := MemcachedPort
	lockPort(t, strconv.Itoa(port))
	if ln, err := net.Listen("tcp", ":"+strconv.Itoa(port)); err != nil {
		t.Skipf("skipping: port %d, which StartMemcached uses, is busy: %v", port, err)
	} else {
		ln.Close()
	}
	cmd, err := StartMemcached()
	if err != nil {
		t.Fatal(err)
	}
	defer func() {
		cmd.Process.Kill()
		cmd.Wait()
	}()
	local := "127.0.0.1:" + strconv.Itoa(port)
	if !eventually(func() bool {
		c, err := net.Dial("tcp", local)
		if err == nil {
			c.Close()
		}
		return err == nil
	}) {
		t.Fatalf("memcached did not start on %s", local)
	}
	bound := listeningOn(t, port)
	t.Logf("memcached listens on %v (from /proc/net/tcp*)", bound)
	every := slices.ContainsFunc(bound, func(ip net.IP) bool { return ip.IsUnspecified() })
	check(t, every, "memcached is bound to every interface")
	checkReachable(t, port)
}

// listeningOn returns the addresses of the TCP listeners on port, from
// /proc/net/tcp and /proc/net/tcp6.
func listeningOn(t *testing.T, port int) []net.IP {
	t.Helper()
	var ips []net.IP
	for _, f := range []string{"/proc/net/tcp", "/proc/net/tcp6"} {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Skipf("skipping: %v", err)
		}
		for _, l := range strings.Split(string(data), "\n")[1:] {
			fs := strings.Fields(l)
			if len(fs) < 4 || fs[3] != "0A" { // LISTEN
				continue
			}
			h, p, _ := strings.Cut(fs[1], ":")
			if pn, _ := strconv.ParseUint(p, 16, 16); int(pn) != port {
				continue
			}
			b, err := hex.DecodeString(h)
			if err != nil {
				continue
			}
			// Each 32-bit word is in host (little-endian) order.
			for i := 0; i+4 <= len(b); i += 4 {
				b[i], b[i+1], b[i+2], b[i+3] = b[i+3], b[i+2], b[i+1], b[i]
			}
			ips = append(ips, net.IP(b))
		}
	}
	if len(ips) == 0 {
		t.Fatalf("no listener on port %d in /proc/net/tcp*", port)
	}
	return ips
}

// The hardened reference server blocks what a server can block.

// TestHardenedDumps: dump commands are refused.
func TestHardenedDumps(t *testing.T) {
	s := startCacheserver(t, true, nil)
	store(t, s.addr, "user:42", `{"Email":"alice@example.com"}`)
	for _, cmd := range []string{"lru_crawler metadump all\r\n", "stats cachedump 1 100\r\n"} {
		reply := raw(t, s.addr, cmd)
		t.Logf("hardened: %q -> %q", cmd, reply)
		if strings.Contains(reply, "user") || !strings.Contains(reply, "ERROR") {
			t.Errorf("hardened server answered %q with %q, want a refusal", cmd, reply)
		}
	}
	s.logExecuted(t)
}

// TestHardenedAuth: with -Y (AuthFile) an unauthenticated connection can
// neither read nor dump, and an authenticated one can.
func TestHardenedAuth(t *testing.T) {
	s := startCacheserver(t, true, map[string]string{"app": "s3cret"})
	c, err := net.Dial("tcp", s.addr)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	r := bufio.NewReader(c)
	for _, step := range []struct{ send, want string }{
		{"set auth 0 0 10\r\napp s3cret\r\n", "STORED\r\n"},
		{"set user:42 0 0 29\r\n{\"Email\":\"alice@example.com\"}\r\n", "STORED\r\n"},
	} {
		io.WriteString(c, step.send)
		if got, _ := r.ReadString('\n'); got != step.want {
			t.Fatalf("authenticated %q -> %q, want %q", step.send, got, step.want)
		}
	}
	for _, cmd := range []string{"get user:42\r\n", "lru_crawler metadump all\r\n", "stats cachedump 1 100\r\n"} {
		reply := raw(t, s.addr, cmd)
		t.Logf("unauthenticated: %q -> %q", cmd, reply)
		if reply != "CLIENT_ERROR unauthenticated\r\n" {
			t.Errorf("unauthenticated %q -> %q, want CLIENT_ERROR unauthenticated", cmd, reply)
		}
	}
	s.logExecuted(t)
}

// TestHardenedRefusesExposure: the hardened server refuses to listen on
// every interface without authentication.
func TestHardenedRefusesExposure(t *testing.T) {
	srv, err := cacheserver.New(cacheserver.Config{Hardened: true, ListenAddrs: []string{"0.0.0.0"}})
	if err != nil {
		t.Fatal(err)
	}
	defer srv.Close()
	err = srv.Start()
	t.Logf("hardened Start on 0.0.0.0 without auth: %v", err)
	if err == nil {
		t.Errorf("the hardened server started on every interface without authentication: %v", srv.Addrs())
	}
}
