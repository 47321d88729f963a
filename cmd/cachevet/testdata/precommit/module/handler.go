// Package shop serves products from memcached. The product id comes from the
// request and goes into the cache key as is: cachevet must block its commit.
package shop

import (
	"net/http"

	"github.com/bradfitz/gomemcache/memcache"
)

var mc = memcache.New("127.0.0.1:11211")

// Product writes the cached product named by the id form value.
func Product(w http.ResponseWriter, r *http.Request) {
	it, err := mc.Get(r.FormValue("id"))
	if err != nil {
		http.Error(w, err.Error(), http.StatusNotFound)
		return
	}
	w.Write(it.Value)
}
