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
