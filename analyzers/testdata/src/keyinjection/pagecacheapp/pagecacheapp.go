// Package pagecacheapp hands pagecache a memcache-backed store: the keys
// pagecache builds are reported at the call that wires the store in.
package pagecacheapp

import (
	"net/http"
	"net/url"

	"github.com/bradfitz/gomemcache/memcache"

	"keyinjection/pagecache"
)

type mcStore struct{ mc *memcache.Client }

func (s *mcStore) Get(key string) ([]byte, error) {
	it, err := s.mc.Get(key)
	if err != nil {
		return nil, err
	}
	return it.Value, nil
}

func (s *mcStore) Set(key string, page []byte) error {
	return s.mc.Set(&memcache.Item{Key: key, Value: page})
}

// memStore keeps pages in memory: any key is fine.
type memStore map[string][]byte

func (m memStore) Get(key string) ([]byte, error)    { return m[key], nil }
func (m memStore) Set(key string, page []byte) error { m[key] = page; return nil }

func routes(mc *memcache.Client, next http.Handler) {
	http.Handle("/a", pagecache.CachePage(&mcStore{mc}, next)) // want `raw digest bytes \(sha1\.Sum\) returned by pagecache\.urlKey in the key that pagecache\.CachePage builds puts .* into the memcache key of \(\*memcache\.Client\)\.Get through pagecache\.CachePage and \(\*pagecacheapp\.mcStore\)\.Get`
	http.Handle("/b", pagecache.CachePage(memStore{}, next))
	http.Handle("/c", pagecache.CachePageHashed(&mcStore{mc}, next))
	http.Handle("/d", pagecache.CachePageRaw(&mcStore{mc}, next)) // want `the request URL \(r\.URL\) in the key that pagecache\.CachePageRaw builds reaches the memcache key of \(\*memcache\.Client\)\.Get through pagecache\.CachePageRaw and \(\*pagecacheapp\.mcStore\)\.Get unescaped: a space in it`
	http.Handle("/e", cached(&mcStore{mc}, next))                 // want `raw digest bytes \(sha1\.Sum\) returned by pagecache\.urlKey in the key that pagecache\.CachePage builds .* through pagecacheapp\.cached and pagecache\.CachePage`
}

// pages looks pages up by a name from the request, through the library,
// in the store the application chooses.
func pages(mc *memcache.Client, r *http.Request) {
	name := r.FormValue("name")
	pagecache.Lookup(&mcStore{mc}, name)    // want `request data \(r\.FormValue\) reaches the memcache key of \(\*memcache\.Client\)\.Get through pagecache\.Lookup and \(\*pagecacheapp\.mcStore\)\.Get unescaped`
	pagecache.LookupVia(&mcStore{mc}, name) // want `request data \(r\.FormValue\) reaches the memcache key of \(\*memcache\.Client\)\.Get through pagecache\.LookupVia and pagecache\.Lookup and \(\*pagecacheapp\.mcStore\)\.Get`
	pagecache.Lookup(memStore{}, name)
	pagecache.Lookup(&mcStore{mc}, url.QueryEscape(name))
	lookupIn(&mcStore{mc}, name) // want `request data \(r\.FormValue\) reaches the memcache key of \(\*memcache\.Client\)\.Get through pagecacheapp\.lookupIn and pagecache\.Lookup and \(\*pagecacheapp\.mcStore\)\.Get`
}

// lookupIn passes its store and name on: its caller chooses both.
func lookupIn(s pagecache.Store, name string) {
	pagecache.Lookup(s, name)
}

// cached passes its store on: the call that chooses the store is reported.
func cached(s pagecache.Store, next http.Handler) http.Handler {
	return pagecache.CachePage(s, next)
}
