// Package catalog wraps the memcached client with typed helpers.
package catalog

import (
	"encoding/json"

	"github.com/bradfitz/gomemcache/memcache"
)

// Catalog caches catalog data.
type Catalog struct{ mc *memcache.Client }

// New returns a Catalog using mc.
func New(mc *memcache.Client) *Catalog { return &Catalog{mc: mc} }

// UserProfile returns the cached profile of the named user. The name goes
// into the key as it is: callers must pass a safe name.
func (c *Catalog) UserProfile(name string) ([]byte, error) {
	it, err := c.mc.Get("user:" + name)
	if err != nil {
		return nil, err
	}
	return it.Value, nil
}

// CacheUser caches v, encoded as JSON, as the profile of the named user
// for ten minutes.
func (c *Catalog) CacheUser(name string, v any) error {
	b, err := json.Marshal(v)
	if err != nil {
		return err
	}
	return c.mc.Set(&memcache.Item{Key: "user:" + name, Value: b, Expiration: 600})
}
