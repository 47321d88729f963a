// Package manager is a generic cache manager that keeps the store it is
// given in a field and keys it by its callers' arguments.
package manager

// Store is what the manager caches in.
type Store interface {
	Get(key string) ([]byte, error)
}

// Cache is a typed view of a store.
type Cache[T any] struct{ store Store }

// New returns a manager over store.
func New[T any](store Store) *Cache[T] { return &Cache[T]{store: store} }

// Get looks the key up, prefixed.
func (c *Cache[T]) Get(key string) ([]byte, error) { return c.store.Get("m:" + key) }
