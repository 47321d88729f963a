// Package managerlib is a generic cache manager over a store interface,
// modelled on eko/gocache's cache.New[T](store): the manager keeps the
// store the application gives it in a field and keys it by what its own
// callers pass.
package managerlib

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
)

// Store is where the manager keeps values.
type Store interface {
	Get(ctx context.Context, key string) ([]byte, error)
	Set(ctx context.Context, key string, value []byte) error
}

// Cache is a typed view of a store.
type Cache[T any] struct {
	store  Store
	prefix string
}

// New returns a manager over store.
func New[T any](store Store) *Cache[T] { return &Cache[T]{store: store, prefix: "m:"} }

// Get looks key up, prefixed.
func (c *Cache[T]) Get(ctx context.Context, key string) ([]byte, error) {
	return c.store.Get(ctx, c.prefix+key)
}

// Set hashes the key first: any key is fine.
func (c *Cache[T]) Set(ctx context.Context, key string, value []byte) error {
	sum := sha256.Sum256([]byte(key))
	return c.store.Set(ctx, hex.EncodeToString(sum[:]), value)
}
