// Package pagecache caches pages in a store the application chooses,
// keyed by the raw SHA-1 digest of long request URIs.
package pagecache

import (
	"crypto/sha1"
	"net/http"
)

// Store holds cached pages.
type Store interface {
	Get(key string) ([]byte, error)
}

// CachePage serves pages from store.
func CachePage(store Store, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		key := r.URL.RequestURI()
		if len(key) > 200 {
			sum := sha1.Sum([]byte(key))
			key = string(sum[:])
		}
		if page, err := store.Get(key); err == nil {
			w.Write(page)
			return
		}
		next.ServeHTTP(w, r)
	})
}
