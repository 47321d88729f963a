// Package cache is a stub of bartventer/gocache.
package cache

import "context"

// Cache is a cache opened by URL.
type Cache interface{}

// Options configures a cache.
type Options struct{}

// OpenCache opens the cache of the URL's scheme.
func OpenCache(ctx context.Context, urlstr string, opts Options) (Cache, error) { return nil, nil }
