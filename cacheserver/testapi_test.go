package cacheserver_test

import (
	"bufio"
	"errors"
	"fmt"
	"net"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/bradfitz/gomemcache/memcache"

	"github.com/cachevet/cachevet/cacheserver"
)

func TestRunTSharesTheStoreWithGo(t *testing.T) {
	srv := cacheserver.RunT(t)
	mc := memcache.New(srv.Addr())
	if err := mc.Set(&memcache.Item{Key: "from:client", Value: []byte("c"), Flags: 7}); err != nil {
		t.Fatal(err)
	}
	if err := srv.Set("from:go", []byte("g"), 3, 0); err != nil {
		t.Fatal(err)
	}
	if it, ok := srv.Get("from:client"); !ok || string(it.Value) != "c" || it.Flags != 7 || it.CAS == 0 {
		t.Errorf("Get(from:client) = %+v, %v", it, ok)
	}
	if it, err := mc.Get("from:go"); err != nil || string(it.Value) != "g" || it.Flags != 3 {
		t.Errorf("client get from:go = %+v, %v", it, err)
	}
	if got := strings.Join(srv.Keys(), ","); got != "from:client,from:go" {
		t.Errorf("Keys() = %s", got)
	}
	if !srv.Delete("from:go") || srv.Delete("from:go") {
		t.Error("Delete did not report the key there once")
	}
	if _, err := mc.Get("from:go"); err != memcache.ErrCacheMiss {
		t.Errorf("get after Delete: %v", err)
	}
	srv.Flush()
	if d := srv.Dump(); len(d) != 0 {
		t.Errorf("Dump() after Flush = %+v", d)
	}
	for _, bad := range []string{"", "has space", strings.Repeat("k", 251), "ctl\x01"} {
		if err := srv.Set(bad, nil, 0, 0); !errors.Is(err, cacheserver.ErrMalformedKey) {
			t.Errorf("Set(%q) = %v", bad, err)
		}
	}
	if err := srv.Set("big", make([]byte, 2<<20), 0, 0); !errors.Is(err, cacheserver.ErrTooLarge) {
		t.Errorf("Set of 2 MiB = %v", err)
	}
}

func TestFastForwardExpiresAndReclaims(t *testing.T) {
	srv := cacheserver.RunT(t)
	if err := srv.Set("short", []byte("x"), 0, 10*time.Second); err != nil {
		t.Fatal(err)
	}
	if err := srv.Set("long", []byte("x"), 0, time.Hour); err != nil {
		t.Fatal(err)
	}
	it, _ := srv.Get("short")
	if it.Expiration.IsZero() {
		t.Fatal("item with a TTL has no expiration")
	}
	srv.FastForward(11 * time.Second)
	if got := strings.Join(srv.Keys(), ","); got != "long" {
		t.Errorf("Keys() after 11s = %s", got)
	}
	// The maintainer ran: the item is gone from the stats, not only hidden.
	stats := rawStats(t, srv)
	if stats["curr_items"] != "1" || stats["reclaimed"] != "1" {
		t.Errorf("curr_items %s, reclaimed %s after FastForward", stats["curr_items"], stats["reclaimed"])
	}
	srv.SetTime(it.Expiration.Add(time.Hour))
	if keys := srv.Keys(); len(keys) != 0 {
		t.Errorf("Keys() after SetTime past the expiry = %v", keys)
	}
	if got, want := rawStats(t, srv)["time"], fmt.Sprint(it.Expiration.Add(time.Hour).Unix()); got != want {
		t.Errorf("stats time %s after SetTime, want %s", got, want)
	}
}

// rawStats reads "stats" over the in-memory connection.
func rawStats(t *testing.T, srv *cacheserver.Server) map[string]string {
	t.Helper()
	nc, err := srv.Dial()
	if err != nil {
		t.Fatal(err)
	}
	defer nc.Close()
	fmt.Fprint(nc, "stats\r\n")
	out := map[string]string{}
	r := bufio.NewReader(nc)
	for {
		line, err := r.ReadString('\n')
		if err != nil {
			t.Fatal(err)
		}
		if line == "END\r\n" {
			return out
		}
		f := strings.Fields(line)
		if len(f) == 3 {
			out[f[1]] = f[2]
		}
	}
}

func TestFaultsBeforeCommands(t *testing.T) {
	srv := cacheserver.RunT(t)
	mc := memcache.New(srv.Addr())
	mc.Timeout = 300 * time.Millisecond
	if err := mc.Set(&memcache.Item{Key: "k", Value: []byte("v")}); err != nil {
		t.Fatal(err)
	}

	// gomemcache's Get sends "gets".
	srv.SetHook(cacheserver.FaultFor("gets", "k", cacheserver.Fault{Reply: "SERVER_ERROR boom"}))
	if _, err := mc.Get("k"); err == nil || !strings.Contains(err.Error(), "boom") {
		t.Errorf("get with a Reply fault: %v", err)
	}
	if _, err := mc.Get("other"); err != memcache.ErrCacheMiss {
		t.Errorf("get of another key: %v", err)
	}

	// A refused set has its data block swallowed: the next command works.
	srv.SetError("out of memory storing object")
	if err := mc.Set(&memcache.Item{Key: "k", Value: []byte("get k\r\n")}); err == nil {
		t.Error("set under SetError succeeded")
	}
	srv.SetError("")
	if it, err := mc.Get("k"); err != nil || string(it.Value) != "v" {
		t.Errorf("get after SetError(\"\"): %+v, %v", it, err)
	}

	srv.SetHook(cacheserver.FaultFor("", "k", cacheserver.Fault{Drop: true}))
	if _, err := mc.Get("k"); err == nil {
		t.Error("dropped get answered")
	}
	srv.SetHook(cacheserver.FaultFor("delete", "", cacheserver.Fault{Close: true}))
	if err := mc.Delete("k"); err == nil || err == memcache.ErrCacheMiss {
		t.Errorf("delete on a closed connection: %v", err)
	}
	var seen atomic.Int32
	srv.SetHook(func(_ cacheserver.ConnInfo, cmd cacheserver.Command) cacheserver.Fault {
		seen.Add(1)
		return cacheserver.Fault{Delay: 50 * time.Millisecond}
	})
	start := time.Now()
	if it, err := mc.Get("k"); err != nil || string(it.Value) != "v" {
		t.Errorf("delayed get: %+v, %v", it, err)
	}
	if time.Since(start) < 50*time.Millisecond || seen.Load() != 1 {
		t.Errorf("delayed get came back after %v, hook ran %d times", time.Since(start), seen.Load())
	}
	srv.SetHook(nil)
	counts := srv.CommandCounts()
	if counts["gets"] != 5 || counts["set"] != 2 || counts["delete"] != 1 {
		t.Errorf("CommandCounts() = %v", counts)
	}
}

func TestRestartKeepsItemsAndAddress(t *testing.T) {
	srv := cacheserver.RunT(t)
	addr := srv.Addr()
	nc, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	defer nc.Close()
	fmt.Fprint(nc, "set kept 0 0 4\r\ndata\r\n")
	r := bufio.NewReader(nc)
	if line, _ := r.ReadString('\n'); line != "STORED\r\n" {
		t.Fatalf("set: %q", line)
	}
	if err := srv.Restart(); err != nil {
		t.Fatal(err)
	}
	if _, err := r.ReadString('\n'); err == nil {
		t.Error("connection survived Restart")
	}
	if srv.Addr() != addr {
		t.Errorf("address %s after Restart, was %s", srv.Addr(), addr)
	}
	it, err := memcache.New(addr).Get("kept")
	if err != nil || string(it.Value) != "data" {
		t.Errorf("get after Restart: %+v, %v", it, err)
	}
}

func TestInMemoryDialServesGomemcache(t *testing.T) {
	srv := cacheserver.RunT(t)
	mc := memcache.New("/in-memory") // resolved but never dialled
	mc.DialContext = srv.DialContext
	if err := mc.Set(&memcache.Item{Key: "m", Value: []byte("mem")}); err != nil {
		t.Fatal(err)
	}
	items, err := mc.GetMulti([]string{"m", "missing"})
	if err != nil || len(items) != 1 || string(items["m"].Value) != "mem" {
		t.Errorf("GetMulti = %v, %v", items, err)
	}
	if n, err := mc.Increment("m", 1); err == nil {
		t.Errorf("incr of a non-number = %d", n)
	}
}
