// Package pagecacheapp hands keyinjection/pagecache a memcache-backed
// store: the raw request URI CachePageRaw uses as the key has no bound.
package pagecacheapp

import (
	"net/http"

	"github.com/bradfitz/gomemcache/memcache"

	"keyinjection/pagecache"
)

type mcStore struct{ mc *memcache.Client }

func (s mcStore) Get(key string) ([]byte, error) {
	it, err := s.mc.Get(key)
	if err != nil {
		return nil, err
	}
	return it.Value, nil
}

func (s mcStore) Set(key string, page []byte) error {
	return s.mc.Set(&memcache.Item{Key: key, Value: page})
}

type memStore map[string][]byte

func (m memStore) Get(key string) ([]byte, error)    { return m[key], nil }
func (m memStore) Set(key string, page []byte) error { m[key] = page; return nil }

func routes(mc *memcache.Client, next http.Handler) {
	http.Handle("/raw", pagecache.CachePageRaw(mcStore{mc}, next)) // want `the argument that pagecache\.CachePageRaw puts into the key of \(\*memcache\.Client\)\.Get may be unbounded bytes \(the request URL \(r\.URL\) in the key that pagecache\.CachePageRaw builds\)`
	http.Handle("/mem", pagecache.CachePageRaw(memStore{}, next))
	http.Handle("/short", pagecache.CachePage(mcStore{mc}, next)) // digests long URIs: at most 200 bytes
	http.Handle("/hex", pagecache.CachePageHashed(mcStore{mc}, next))
}
