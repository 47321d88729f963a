package keylistfix

import (
	"net/http"

	"github.com/bradfitz/gomemcache/memcache"
)

var mc = memcache.New("127.0.0.1:11211")

// A list of keys holding request data: each key is hashed, and the items
// come back under the keys as the caller passed them.
func lists(r *http.Request) *memcache.Item {
	items, err := mc.GetMulti([]string{"a", r.FormValue("b")}) // want `memcache key of \(\*memcache\.Client\)\.GetMulti`
	if err != nil {
		return nil
	}
	keys := []string{"a"}
	for _, k := range r.Form["k"] {
		keys = append(keys, k)
	}
	mc.GetMulti(keys) // want `memcache key of \(\*memcache\.Client\)\.GetMulti`
	return items[r.FormValue("b")]
}

// getter hides the client behind an interface.
type getter interface {
	GetMulti(keys []string) (map[string]*memcache.Item, error)
}

func viaInterface(g getter, r *http.Request) int {
	items, _ := g.GetMulti(r.Form["k"]) // want `memcache key of \(\*memcache\.Client\)\.GetMulti`
	return len(items)
}
