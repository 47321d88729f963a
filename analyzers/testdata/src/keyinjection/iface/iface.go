package iface

import (
	"net/http"

	"github.com/bradfitz/gomemcache/memcache"
)

type Cache interface {
	Fetch(key string) ([]byte, error)
}

type mcCache struct{ mc *memcache.Client }

func (c *mcCache) Fetch(key string) ([]byte, error) {
	it, err := c.mc.Get(key)
	if err != nil {
		return nil, err
	}
	return it.Value, nil
}

type mapCache map[string][]byte

func (m mapCache) Fetch(key string) ([]byte, error) { return m[key], nil }

func handler(c Cache, r *http.Request) {
	c.Fetch(r.FormValue("k")) // want `request data \(r\.FormValue\) reaches the memcache key of \(\*memcache\.Client\)\.Get through \(\*iface\.mcCache\)\.Fetch unescaped`
}

// backend is satisfied by *memcache.Client (and by fakes in tests): the
// keys passed through it reach memcached.
type backend interface {
	GetMulti(keys []string) (map[string]*memcache.Item, error)
	Set(item *memcache.Item) error
}

type remote struct{ b backend }

func (s *remote) load(r *http.Request) {
	s.b.GetMulti([]string{r.FormValue("k")})              // want `request data \(r\.FormValue\) reaches the memcache key of \(\*memcache\.Client\)\.GetMulti unescaped`
	s.b.Set(&memcache.Item{Key: "p:" + r.FormValue("p")}) // want `request data \(r\.FormValue\) reaches the Key of the Item passed to \(\*memcache\.Client\)\.Set unescaped`
}

// notClient has a Get that *memcache.Client does not have: not a sink.
type notClient interface {
	Get(key string) ([]byte, error)
}

func other(c notClient, r *http.Request) {
	c.Get(r.FormValue("k"))
}
