// Package vstoremc is vstore's memcache cache: the user SaveUser encodes
// is reported where it is stored.
package vstoremc

import (
	"github.com/bradfitz/gomemcache/memcache"

	"sensitivedata/vstore"
)

var mc = memcache.New("127.0.0.1:11211")

type cache struct{}

func (cache) Put(key string, value []byte) error {
	return mc.Set(&memcache.Item{Key: key, Value: value}) // want `cached value stored by \(\*memcache\.Client\)\.Set contains User\.Email, User\.PasswordHash.*\(encoding/json\)`
}

func init() { vstore.Register("default", cache{}) }
