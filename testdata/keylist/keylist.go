// Package keylist looks up a list of keys taken from the request with
// GetMulti: the keylist test of cmd/cachevet runs its test before and after
// cachevet -fix.
package keylist

import (
	"net/http"

	"github.com/bradfitz/gomemcache/memcache"
)

// Getter is satisfied by *memcache.Client.
type Getter interface {
	GetMulti(keys []string) (map[string]*memcache.Item, error)
}

// Lookup returns the cached items of the k form values, by form value.
func Lookup(g Getter, r *http.Request) (map[string]*memcache.Item, error) {
	return g.GetMulti(r.Form["k"])
}
