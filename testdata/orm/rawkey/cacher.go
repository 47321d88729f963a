// Package rawkey is a gorm-caches Cacher that hands gorm-caches' key to
// memcached as it is: the key holds the query's SQL text, spaces and all,
// and its arguments.
package rawkey

import (
	"context"

	"github.com/bradfitz/gomemcache/memcache"
	"github.com/go-gorm/caches/v4"
)

// Cacher stores gorm query results in memcached under gorm-caches' key.
type Cacher struct{ MC *memcache.Client }

// Get returns the cached results of a query, or nil.
func (c *Cacher) Get(ctx context.Context, key string, q *caches.Query[any]) (*caches.Query[any], error) {
	it, err := c.MC.Get(key)
	if err != nil {
		return nil, nil
	}
	return q, q.Unmarshal(it.Value)
}

// Store caches the results of a query.
func (c *Cacher) Store(ctx context.Context, key string, val *caches.Query[any]) error {
	b, err := val.Marshal()
	if err != nil {
		return err
	}
	return c.MC.Set(&memcache.Item{Key: key, Value: b})
}

// Invalidate drops every cached result.
func (c *Cacher) Invalidate(ctx context.Context) error { return c.MC.DeleteAll() }
