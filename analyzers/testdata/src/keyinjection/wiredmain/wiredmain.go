// Package wiredmain wires the caches: the memcache one is reported where
// it is handed to wiredgit, the in-memory one is not, and a provider
// whose own package reports the flow is not reported again. A cache that
// imports wiredgit only for its error is reported here too, and one that
// its own package hands out as a wiredgit.Cache is reported there. An
// assignment and a composite literal wire a cache in as a call does.
package wiredmain

import (
	"fmt"

	"github.com/bradfitz/gomemcache/memcache"

	"keyinjection/sessions"
	"keyinjection/sessionsmc"
	"keyinjection/wiredcache"
	"keyinjection/wiredgit"
	"keyinjection/wiredgitcache"
)

func main() {
	wiredgit.SetCache(&wiredcache.MC{Client: memcache.New("127.0.0.1:11211")}) // want `the request URL \(r\.URL\), passed by wiredgit\.Blob to Cache\.Get reaches the memcache key of \(\*memcache\.Client\)\.Get through \(\*wiredcache\.MC\)\.Get unescaped`
	wiredgit.SetCache(wiredcache.Mem{})
	wiredgit.SetCache(&wiredgitcache.MC{Client: memcache.New("127.0.0.1:11211")}) // want `the request URL \(r\.URL\), passed by wiredgit\.Blob to Cache\.Get reaches the memcache key of \(\*memcache\.Client\)\.Get through \(\*wiredgitcache\.MC\)\.Get unescaped`
	wiredgit.SetCache(wiredgitcache.New(memcache.New("127.0.0.1:11211")))
	wiredgit.SetCache(&wiredgitcache.Handed{})
	// Wired by assignment and in a composite literal, not by a call.
	wiredgit.Fallback = &wiredcache.MC{Client: memcache.New("127.0.0.1:11211")} // want `the request URL \(r\.URL\), passed by wiredgit\.Blob to Cache\.Get reaches the memcache key of \(\*memcache\.Client\)\.Get through \(\*wiredcache\.MC\)\.Get unescaped`
	wiredgit.Use(wiredgit.Options{Cache: &wiredcache.MC{}, Name: "blobs"})      // want `the request URL \(r\.URL\), passed by wiredgit\.Blob to Cache\.Get reaches the memcache key of \(\*memcache\.Client\)\.Get through \(\*wiredcache\.MC\)\.Get unescaped`
	wiredgit.Fallback = wiredcache.Mem{}
	wiredgit.Use(wiredgit.Options{Cache: wiredcache.Mem{}})
	// Printed, not handed out as a Cache.
	fmt.Println(describe(&wiredcache.MC{}))
	sessions.Register("again", &sessionsmc.Provider{})
}

func describe(v any) string { return fmt.Sprintf("%T", v) }

// pageStore has wiredgit.Cache's method set, but localMC, handed out as
// a pageStore only, never becomes wiredgit's cache: Blob's key does not
// reach it.
type pageStore interface {
	Get(key string) ([]byte, error)
}

type localMC struct{ c *memcache.Client }

func (m *localMC) Get(key string) ([]byte, error) {
	it, err := m.c.Get(key)
	if err != nil {
		return nil, err
	}
	return it.Value, nil
}

var pages pageStore = &localMC{c: memcache.New("127.0.0.1:11211")}
