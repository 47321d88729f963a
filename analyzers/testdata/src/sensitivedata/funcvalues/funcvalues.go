// Package funcvalues caches values through function values, channels and
// context keys.
package funcvalues

import (
	"encoding/json"

	"github.com/bradfitz/gomemcache/memcache"

	"sensitivedata/models"
)

var mc = memcache.New("127.0.0.1:11211")

func methodValue(u models.User) {
	set := mc.Set
	b, _ := json.Marshal(u)
	set(&memcache.Item{Key: "user", Value: b}) // want `cached value stored by \(\*memcache\.Client\)\.Set contains User\.Email`
}

func store(it *memcache.Item, put func(*memcache.Item) error) { put(it) }

func callback(u models.User) {
	store(&memcache.Item{Key: "e", Value: []byte(u.Email)}, mc.Set) // want `contains User\.Email`
	store(&memcache.Item{Key: "e", Value: []byte("public")}, mc.Set)
}

func channel(u models.User) {
	items := make(chan *memcache.Item, 1)
	go func() {
		for it := range items {
			mc.Set(it) // want `contains User\.Email`
		}
	}()
	items <- &memcache.Item{Key: "e", Value: []byte(u.Email)}
}
