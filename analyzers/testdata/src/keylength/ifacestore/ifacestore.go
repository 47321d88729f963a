// Package ifacestore declares a cache interface and its memcache
// implementation; callers in other packages only see the interface.
package ifacestore

import "github.com/bradfitz/gomemcache/memcache"

type Cache interface {
	Fetch(key string) ([]byte, error)
}

type mcCache struct{ mc *memcache.Client }

func (c *mcCache) Fetch(key string) ([]byte, error) {
	it, err := c.mc.Get("fetch:" + key)
	if err != nil {
		return nil, err
	}
	return it.Value, nil
}

func New(mc *memcache.Client) Cache { return &mcCache{mc} }
