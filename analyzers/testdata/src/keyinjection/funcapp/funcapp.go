package funcapp

import (
	"crypto/sha256"
	"encoding/hex"
	"net/http"

	"github.com/bradfitz/gomemcache/memcache"

	"keyinjection/funclib"
)

var mc = memcache.New("127.0.0.1:11211")

type userID string

func handler(r *http.Request) {
	id := r.FormValue("id")
	funclib.WithKey(id, func(k string) { mc.Get(k) }) // want `request data \(r\.FormValue\) reaches the memcache key of \(\*memcache\.Client\)\.Get`
	funclib.Each([]string{id}, mc.Delete)             // want `reaches the memcache key of \(\*memcache\.Client\)\.Delete`
	funclib.FromLoad(mc, func() string { return id }) // want `reaches the memcache key of \(\*memcache\.Client\)\.Get through funclib\.FromLoad`
	funclib.NewCache[string](mc).Get(id)              // want `reaches the memcache key of \(\*memcache\.Client\)\.Get through \(\*funclib\.Cache\[T\]\)\.Get`
	funclib.Lookup(mc, userID(id))                    // want `reaches the memcache key of \(\*memcache\.Client\)\.Get through funclib\.Lookup`

	// Negatives: a callback that hashes, one that uses a map, a constant.
	funclib.WithKey(id, func(k string) {
		sum := sha256.Sum256([]byte(k))
		mc.Get(hex.EncodeToString(sum[:]))
	})
	seen := map[string]bool{}
	funclib.WithKey(id, func(k string) { seen[k] = true })
	funclib.FromLoad(mc, func() string { return "fixed" })
	funclib.NewCache[int](mc).Get("fixed")
}
