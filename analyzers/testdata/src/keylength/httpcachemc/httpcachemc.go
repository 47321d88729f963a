// Package httpcachemc backs an HTTP cache with memcached. It does not
// import the transport's package: main wires the two.
package httpcachemc

import (
	"crypto/sha256"
	"encoding/hex"

	"github.com/bradfitz/gomemcache/memcache"
)

// Raw keys memcached by the URL as it is.
type Raw struct{ MC *memcache.Client }

func (c *Raw) Get(key string) ([]byte, bool) {
	it, err := c.MC.Get(key)
	if err != nil {
		return nil, false
	}
	return it.Value, true
}

func (c *Raw) Set(key string, resp []byte) { c.MC.Set(&memcache.Item{Key: key, Value: resp}) }

// Hashed keys memcached by the hex SHA-256 of the URL: any URL fits.
type Hashed struct{ MC *memcache.Client }

func (c *Hashed) Get(key string) ([]byte, bool) {
	sum := sha256.Sum256([]byte(key))
	it, err := c.MC.Get(hex.EncodeToString(sum[:]))
	if err != nil {
		return nil, false
	}
	return it.Value, true
}

func (c *Hashed) Set(key string, resp []byte) {
	sum := sha256.Sum256([]byte(key))
	c.MC.Set(&memcache.Item{Key: hex.EncodeToString(sum[:]), Value: resp})
}
