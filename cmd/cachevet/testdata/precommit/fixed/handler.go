// Package shop serves products from memcached. The product id is bounded and
// escaped before it goes into the cache key: cachevet lets the commit through.
package shop

import (
	"net/http"
	"net/url"

	"github.com/bradfitz/gomemcache/memcache"
)

var mc = memcache.New("127.0.0.1:11211")

// Product writes the cached product named by the id form value.
func Product(w http.ResponseWriter, r *http.Request) {
	id := r.FormValue("id")
	if len(id) > 64 {
		http.Error(w, "id too long", http.StatusBadRequest)
		return
	}
	it, err := mc.Get(url.QueryEscape(id))
	if err != nil {
		http.Error(w, err.Error(), http.StatusNotFound)
		return
	}
	w.Write(it.Value)
}
