package iface // want package:"analyzed"

import (
	"net/http"

	"github.com/bradfitz/gomemcache/memcache"
)

type Cache interface {
	Fetch(key string) ([]byte, error) // want Fetch:`param 1 -> \(\*memcache\.Client\)\.Get key`
}

type mcCache struct{ mc *memcache.Client }

func (c *mcCache) Fetch(key string) ([]byte, error) { // want Fetch:`param 1 -> \(\*memcache\.Client\)\.Get key`
	it, err := c.mc.Get(key)
	if err != nil {
		return nil, err
	}
	return it.Value, nil
}

type mapCache map[string][]byte

func (m mapCache) Fetch(key string) ([]byte, error) { return m[key], nil } // want Fetch:`param 0 -> result`

func handler(c Cache, r *http.Request) {
	c.Fetch(r.FormValue("k")) // want `request data \(r\.FormValue\) reaches the memcache key of \(\*memcache\.Client\)\.Get through \(\*iface\.mcCache\)\.Fetch unescaped`
}
