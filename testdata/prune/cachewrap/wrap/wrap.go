// Package wrap wraps a memcache client: it imports one, so it is analyzed
// from source and its Get is a key sink for its callers.
package wrap

import "github.com/bradfitz/gomemcache/memcache"

type Cache struct{ mc *memcache.Client }

func New(addr string) *Cache { return &Cache{mc: memcache.New(addr)} }

func (c *Cache) Get(key string) ([]byte, error) {
	it, err := c.mc.Get("wrap:" + key)
	if err != nil {
		return nil, err
	}
	return it.Value, nil
}
