// Command app wires the providers by blank imports, hands pagecache
// and a generic manager a memcache-backed store and an in-memory one, and
// configures blobs with a memcached cache in a composite literal.
package main

import (
	"net/http"

	"github.com/bradfitz/gomemcache/memcache"

	"example.com/dispatch/blobs"
	"example.com/dispatch/blobsmc"
	"example.com/dispatch/manager"
	"example.com/dispatch/pagecache"
	"example.com/dispatch/sessions"
	_ "example.com/dispatch/sessionsmc"
	_ "example.com/dispatch/sessionsmem"
)

type mcStore struct{ mc *memcache.Client }

func (s mcStore) Get(key string) ([]byte, error) {
	it, err := s.mc.Get(key)
	if err != nil {
		return nil, err
	}
	return it.Value, nil
}

type mapStore map[string][]byte

func (m mapStore) Get(key string) ([]byte, error) { return m[key], nil }

func main() {
	m := sessions.NewManager("memcache")
	http.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) { m.Start(r) })
	next := http.NotFoundHandler()
	http.Handle("/mc", pagecache.CachePage(mcStore{memcache.New("127.0.0.1:11211")}, next))
	http.Handle("/map", pagecache.CachePage(mapStore{}, next))
	users := manager.New[string](mcStore{memcache.New("127.0.0.1:11211")})
	local := manager.New[string](mapStore{})
	http.HandleFunc("/user", func(w http.ResponseWriter, r *http.Request) {
		users.Get(r.FormValue("id"))
		local.Get(r.FormValue("id"))
	})
	blobs.Use(blobs.Options{Cache: &blobsmc.MC{Client: memcache.New("127.0.0.1:11211")}})
	http.HandleFunc("/blob", blobs.Blob)
	http.ListenAndServe("127.0.0.1:8080", nil)
}
