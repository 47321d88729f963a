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

	get := funclib.NewCache[string](mc).Get
	get(id) // want `through \(\*funclib\.Cache\[T\]\)\.Get`
	var g getter = remote{}
	lookup := g.Get
	lookup(id)                                       // want `reaches the memcache key of \(\*memcache\.Client\)\.Get through \(funcapp\.remote\)\.Get`
	funclib.WithKey(id, func(k string) { g.Get(k) }) // want `through funclib\.WithKey and funcapp\.handler and \(funcapp\.remote\)\.Get`
	m := memory{}
	memGet := m.Get
	memGet(id)

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

type getter interface{ Get(string) (int, error) }

// remote gets from memcache; memory from a map: the same interface.
type remote struct{}

func (remote) Get(k string) (int, error) { _, err := mc.Get(k); return 0, err }

type memory struct{}

var values = map[string]int{}

func (memory) Get(k string) (int, error) { return values[k], nil }

// Closures and method values another package returns are called here.
func returned(r *http.Request) {
	id := r.FormValue("id")
	get := funclib.Getter(mc)
	get(id)                 // want `request data \(r\.FormValue\) reaches the memcache key of \(\*memcache\.Client\)\.Get`
	funclib.Deleter(mc)(id) // want `reaches the memcache key of \(\*memcache\.Client\)\.Delete`
	get("user:42")
	n := 0
	funclib.CountingGetter(&n)(id)
}
