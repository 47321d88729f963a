package ormcacher

import (
	"context"
	"crypto/sha256"
	"encoding/hex"

	"github.com/bradfitz/gomemcache/memcache"
	"github.com/go-gorm/caches/v4"
)

// rawCacher passes gorm-caches' key, the query's SQL text and arguments,
// to memcached as it is.
type rawCacher struct{ mc *memcache.Client }

func (c *rawCacher) Get(ctx context.Context, key string, q *caches.Query[any]) (*caches.Query[any], error) {
	it, err := c.mc.Get(key) // want `the memcache key of \(\*memcache.Client\).Get may be unbounded bytes \(the gorm-caches key .*over memcached.s 250-byte limit`
	if err != nil {
		return nil, err
	}
	return q, q.Unmarshal(it.Value)
}

func (c *rawCacher) Store(ctx context.Context, key string, val *caches.Query[any]) error {
	b, err := val.Marshal()
	if err != nil {
		return err
	}
	return c.mc.Set(&memcache.Item{Key: key, Value: b}) // want `the memcache key of \(\*memcache.Client\).Set may be unbounded bytes \(the gorm-caches key`
}

func (c *rawCacher) Invalidate(ctx context.Context) error { return nil }

// hashedCacher hashes the key first: a fixed-length hex string.
type hashedCacher struct{ mc *memcache.Client }

func hashed(key string) string {
	sum := sha256.Sum256([]byte(key))
	return hex.EncodeToString(sum[:])
}

func (c *hashedCacher) Get(ctx context.Context, key string, q *caches.Query[any]) (*caches.Query[any], error) {
	it, err := c.mc.Get(hashed(key))
	if err != nil {
		return nil, err
	}
	return q, q.Unmarshal(it.Value)
}

func (c *hashedCacher) Store(ctx context.Context, key string, val *caches.Query[any]) error {
	b, err := val.Marshal()
	if err != nil {
		return err
	}
	return c.mc.Set(&memcache.Item{Key: hashed(key), Value: b})
}

func (c *hashedCacher) Invalidate(ctx context.Context) error { return nil }

// notACacher has a method of the same name and shape but implements no
// interface the library calls: its key is its caller's.
type notACacher struct{ mc *memcache.Client }

func (c *notACacher) Get(ctx context.Context, key string) (*memcache.Item, error) {
	return c.mc.Get(key)
}
