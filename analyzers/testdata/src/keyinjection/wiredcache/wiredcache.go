// Package wiredcache has caches that fit wiredgit.Cache without
// importing it.
package wiredcache

import "github.com/bradfitz/gomemcache/memcache"

type MC struct{ Client *memcache.Client }

func (c *MC) Get(key string) ([]byte, error) {
	it, err := c.Client.Get(key)
	if err != nil {
		return nil, err
	}
	return it.Value, nil
}

type Mem map[string][]byte

func (m Mem) Get(key string) ([]byte, error) { return m[key], nil }
