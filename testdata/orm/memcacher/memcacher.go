// Package memcacher is a gorm-caches Cacher backed by memcached, as
// services write it: the key hashed (gomemcache refuses the SQL text's
// spaces), the query results stored as gorm-caches encodes them.
package memcacher

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"

	"github.com/bradfitz/gomemcache/memcache"
	"github.com/go-gorm/caches/v4"
)

// Cacher stores gorm query results in memcached.
type Cacher struct{ MC *memcache.Client }

func key(k string) string {
	sum := sha256.Sum256([]byte(k))
	return hex.EncodeToString(sum[:])
}

// Get returns the cached results of a query, or nil.
func (c *Cacher) Get(ctx context.Context, k string, q *caches.Query[any]) (*caches.Query[any], error) {
	it, err := c.MC.Get(key(k))
	if errors.Is(err, memcache.ErrCacheMiss) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	if err := q.Unmarshal(it.Value); err != nil {
		return nil, err
	}
	return q, nil
}

// Store caches the results of a query.
func (c *Cacher) Store(ctx context.Context, k string, val *caches.Query[any]) error {
	b, err := val.Marshal()
	if err != nil {
		return err
	}
	return c.MC.Set(&memcache.Item{Key: key(k), Value: b})
}

// Invalidate drops every cached result: gorm-caches calls it on writes.
func (c *Cacher) Invalidate(ctx context.Context) error { return c.MC.DeleteAll() }
