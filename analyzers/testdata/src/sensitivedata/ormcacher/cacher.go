// Package ormcacher holds gorm-caches Cachers, for the service of package
// ormservice: one backed by memcached, one by a map.
package ormcacher

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"sync"

	"github.com/bradfitz/gomemcache/memcache"
	"github.com/go-gorm/caches/v4"
)

// Memcache stores the query results in memcached, under a hashed key.
type Memcache struct{ MC *memcache.Client }

func NewMemcache(mc *memcache.Client) *Memcache { return &Memcache{MC: mc} }

func key(k string) string {
	sum := sha256.Sum256([]byte(k))
	return hex.EncodeToString(sum[:])
}

func (c *Memcache) Get(ctx context.Context, k string, q *caches.Query[any]) (*caches.Query[any], error) {
	it, err := c.MC.Get(key(k))
	if err != nil {
		return nil, nil
	}
	return q, q.Unmarshal(it.Value)
}

func (c *Memcache) Store(ctx context.Context, k string, val *caches.Query[any]) error {
	b, err := val.Marshal()
	if err != nil {
		return err
	}
	return c.MC.Set(&memcache.Item{Key: key(k), Value: b})
}

func (c *Memcache) Invalidate(ctx context.Context) error { return nil }

// Memory keeps the results in the process.
type Memory struct {
	mu sync.Mutex
	m  map[string][]byte
}

func (c *Memory) Get(ctx context.Context, k string, q *caches.Query[any]) (*caches.Query[any], error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	b, ok := c.m[k]
	if !ok {
		return nil, nil
	}
	return q, q.Unmarshal(b)
}

func (c *Memory) Store(ctx context.Context, k string, val *caches.Query[any]) error {
	b, err := val.Marshal()
	if err != nil {
		return err
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	c.m[k] = b
	return nil
}

func (c *Memory) Invalidate(ctx context.Context) error { return nil }
