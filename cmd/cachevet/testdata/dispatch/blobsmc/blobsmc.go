// Package blobsmc is a memcached blobs.Cache that it never hands out as
// one itself: main does, in a composite literal.
package blobsmc

import (
	"github.com/bradfitz/gomemcache/memcache"

	"example.com/dispatch/blobs"
)

type MC struct{ Client *memcache.Client }

func (c *MC) Get(key string) ([]byte, error) {
	it, err := c.Client.Get(key)
	if err != nil {
		return nil, blobs.ErrMiss
	}
	return it.Value, nil
}
