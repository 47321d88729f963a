// Package memcache is a stub of beego's memcache adapter (v1).
package memcache

import "github.com/astaxie/beego/cache"

// MemcacheCache is the memcache adapter.
type MemcacheCache struct{}

// NewMemCache returns an adapter to start with StartAndGC.
func NewMemCache() cache.Cache { return &MemcacheCache{} }

func (rc *MemcacheCache) Get(key string) interface{} { return nil }

// StartAndGC connects to the servers of the "conn" member of config.
func (rc *MemcacheCache) StartAndGC(config string) error { return nil }
