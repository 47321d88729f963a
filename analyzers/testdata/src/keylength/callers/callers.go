package callers

import (
	"net/http"
	"strings"

	"github.com/bradfitz/gomemcache/memcache"

	"keylength/wrapped"
)

var mc = memcache.New("127.0.0.1:11211")

func handler(r *http.Request) {
	q := r.FormValue("q")
	wrapped.Get(q)      // want `the argument that wrapped\.Get puts into the key of \(\*memcache\.Client\)\.Get may be unbounded bytes \(request data \(r\.FormValue\)\), over the 243 bytes wrapped\.Get leaves it of the 250-byte key`
	wrapped.Escaped(q)  // want `over the 83 bytes wrapped\.Escaped leaves it`
	wrapped.Put(q, nil) // want `the argument that wrapped\.Put puts into the key of \(\*memcache\.Client\)\.Set may be unbounded bytes`
	wrapped.Guarded(q)
	wrapped.PutItem(q, nil)         // want `the argument that wrapped\.PutItem puts into the key of \(\*memcache\.Client\)\.Set may be unbounded bytes \(request data \(r\.FormValue\)\), over the 248 bytes`
	wrapped.PutItem("k", []byte(q)) // the value is not the key
	wrapped.Hashing(q)
	wrapped.Get(q[:200])
	wrapped.Get(strings.Repeat("k", 244)) // want `is up to 244 bytes, over the 243 bytes`
	wrapped.Escaped(strings.Repeat("k", 83))
	mc.Get(wrapped.Key("user", q)) // want `may be 5 \+ unbounded bytes \(request data \(r\.FormValue\)\)`
	mc.Get(wrapped.Key("user", q[:100]))
}
