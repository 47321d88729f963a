package cacheserver_test

import (
	"fmt"
	"io"
	"strings"
	"testing"
	"time"

	"github.com/bradfitz/gomemcache/memcache"

	"github.com/cachevet/cachevet/cacheserver"
)

// startExampleServer is what RunT does, for examples, which have no
// testing.T: a server on a free loopback port.
func startExampleServer() *cacheserver.Server {
	cfg := cacheserver.DefaultConfig()
	cfg.Port = 0
	cfg.Log = io.Discard
	srv, err := cacheserver.New(cfg)
	if err != nil {
		panic(err)
	}
	if err := srv.Start(); err != nil {
		panic(err)
	}
	return srv
}

// In a test, RunT starts a server that the test's cleanup closes; the
// code under test talks to it with any memcached client.
func ExampleRunT() {
	_ = func(t *testing.T) {
		srv := cacheserver.RunT(t)
		mc := memcache.New(srv.Addr())
		if err := mc.Set(&memcache.Item{Key: "user:1", Value: []byte("ada")}); err != nil {
			t.Fatal(err)
		}
		if it, ok := srv.Get("user:1"); !ok || string(it.Value) != "ada" {
			t.Errorf("user:1 = %q, %v", it.Value, ok)
		}
	}
}

// FastForward makes items expire without waiting, and the server's LRU
// maintainer reclaims them at once.
func ExampleServer_FastForward() {
	srv := startExampleServer()
	defer srv.Close()
	mc := memcache.New(srv.Addr())

	mc.Set(&memcache.Item{Key: "session:42", Value: []byte("alice"), Expiration: 30 * 60})
	_, err := mc.Get("session:42")
	fmt.Println("before:", err)
	srv.FastForward(31 * time.Minute)
	_, err = mc.Get("session:42")
	fmt.Println("after 31 minutes:", err)
	fmt.Println("keys left:", len(srv.Keys()))
	// Output:
	// before: <nil>
	// after 31 minutes: memcache: cache miss
	// keys left: 0
}

// Seed the cache from Go, then see what the code under test wrote.
func ExampleServer_Dump() {
	srv := startExampleServer()
	defer srv.Close()
	srv.Set("config:mode", []byte("dark"), 0, 0)

	mc := memcache.New(srv.Addr())
	it, _ := mc.Get("config:mode")
	mc.Set(&memcache.Item{Key: "config:seen", Value: it.Value, Flags: 1})

	for _, it := range srv.Dump() {
		fmt.Printf("%s=%s flags=%d\n", it.Key, it.Value, it.Flags)
	}
	// Output:
	// config:mode=dark flags=0
	// config:seen=dark flags=1
}

// A hook simulates a failing server for one key, or SetError for all.
func ExampleServer_SetHook() {
	srv := startExampleServer()
	defer srv.Close()
	mc := memcache.New(srv.Addr())
	mc.Set(&memcache.Item{Key: "hot", Value: []byte("1")})

	srv.SetHook(cacheserver.FaultFor("gets", "hot", cacheserver.Fault{Reply: "SERVER_ERROR out of memory"}))
	_, err := mc.Get("hot")
	fmt.Println(err)
	srv.SetHook(nil)
	it, err := mc.Get("hot")
	fmt.Println(string(it.Value), err)
	fmt.Println("gets seen:", srv.CommandCounts()["gets"])
	// Output:
	// memcache: unexpected line in get response: "SERVER_ERROR out of memory\r\n"
	// 1 <nil>
	// gets seen: 2
}

// DialContext serves a client over an in-memory connection, no sockets.
func ExampleServer_DialContext() {
	srv := startExampleServer()
	defer srv.Close()
	mc := memcache.New("/in-memory") // any address: it is never dialled
	mc.DialContext = srv.DialContext

	mc.Set(&memcache.Item{Key: "k", Value: []byte("over a pipe")})
	it, err := mc.Get("k")
	fmt.Println(string(it.Value), err)
	// Restart keeps the data on the same address; clients reconnect.
	srv.Restart()
	it, err = memcache.New(srv.Addr()).Get("k")
	fmt.Println(strings.ToUpper(string(it.Value)), err)
	// Output:
	// over a pipe <nil>
	// OVER A PIPE <nil>
}
