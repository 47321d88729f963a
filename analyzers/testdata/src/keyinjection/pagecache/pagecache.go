// Package pagecache is page-cache middleware modelled on gin-contrib/cache's
// CachePage: it builds the key from the request URI and hands it to a
// store the application chooses. One released version used the raw SHA-1
// digest bytes as the key for long URIs.
package pagecache

import (
	"crypto/sha1"
	"crypto/sha256"
	"encoding/hex"
	"net/http"
)

// Store is where pages are cached.
type Store interface {
	Get(key string) ([]byte, error)
	Set(key string, page []byte) error
}

// urlKey shortens long URIs to their digest, without encoding it.
func urlKey(u string) string {
	if len(u) > 200 {
		h := sha1.Sum([]byte(u))
		return string(h[:])
	}
	return u
}

// CachePage serves pages from store, keyed by urlKey.
func CachePage(store Store, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		key := urlKey(r.URL.RequestURI())
		if page, err := store.Get(key); err == nil {
			w.Write(page)
			return
		}
		next.ServeHTTP(w, r)
	})
}

// CachePageHashed keys pages by the hex-encoded SHA-256 of the URI.
func CachePageHashed(store Store, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := sha256.Sum256([]byte(r.URL.RequestURI()))
		if page, err := store.Get(hex.EncodeToString(h[:])); err == nil {
			w.Write(page)
			return
		}
		next.ServeHTTP(w, r)
	})
}

// CachePageRaw keys pages by the URI itself, however long.
func CachePageRaw(store Store, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if page, err := store.Get(r.URL.RequestURI()); err == nil {
			w.Write(page)
			return
		}
		next.ServeHTTP(w, r)
	})
}

// Lookup fetches a page by the name its caller gives, prefixed: what the
// name carries is the caller's to judge, with the store it passes.
func Lookup(store Store, name string) ([]byte, error) {
	return store.Get("page:" + name)
}

// LookupVia passes its store and name on to Lookup.
func LookupVia(store Store, name string) ([]byte, error) {
	return Lookup(store, name)
}
