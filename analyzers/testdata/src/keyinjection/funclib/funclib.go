// Package funclib takes callbacks and is generic; its callers in other
// packages are reported where they pass the function or the key.
package funclib

import "github.com/bradfitz/gomemcache/memcache"

// WithKey hands key to fn.
func WithKey(key string, fn func(string)) { fn(key) }

// Each hands every key to op, prefixed.
func Each(keys []string, op func(string) error) {
	for _, k := range keys {
		op("user:" + k)
	}
}

// FromLoad looks up what load returns.
func FromLoad(c *memcache.Client, load func() string) { c.Get(load()) }

// Cache is a generic wrapper around a client.
type Cache[T any] struct {
	mc     *memcache.Client
	prefix string
}

func NewCache[T any](mc *memcache.Client) *Cache[T] { return &Cache[T]{mc: mc, prefix: "c:"} }

func (c *Cache[T]) Get(key string) (T, error) {
	var zero T
	_, err := c.mc.Get(c.prefix + key)
	return zero, err
}

// Lookup is a generic helper taking a key.
func Lookup[K ~string](c *memcache.Client, key K) { c.Get(string(key)) }

// Getter returns a closure that looks keys up, prefixed: its callers in
// other packages call it with their keys.
func Getter(c *memcache.Client) func(string) (*memcache.Item, error) {
	return func(key string) (*memcache.Item, error) { return c.Get("g:" + key) }
}

// Deleter returns the client's method value.
func Deleter(c *memcache.Client) func(string) error { return c.Delete }

// CountingGetter returns a closure that only counts the keys: quiet.
func CountingGetter(n *int) func(string) (*memcache.Item, error) {
	return func(string) (*memcache.Item, error) { *n++; return nil, nil }
}
