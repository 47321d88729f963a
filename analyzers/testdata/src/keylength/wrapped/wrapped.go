package wrapped

import (
	"crypto/sha256"
	"fmt"
	"net/url"

	"github.com/bradfitz/gomemcache/memcache"
)

var mc = memcache.New("127.0.0.1:11211")

// Get prefixes the key: 245 bytes are left for the argument.
func Get(key string) error {
	_, err := mc.Get("prefix:" + key)
	return err
}

// Escaped escapes the key: a third of the 250 bytes are left.
func Escaped(key string) error {
	_, err := mc.Get(url.QueryEscape(key))
	return err
}

// Guarded refuses long keys: safe to call with anything.
func Guarded(key string) error {
	if len(key) > 200 {
		return fmt.Errorf("key too long")
	}
	_, err := mc.Get("g:" + key)
	return err
}

// Hashing hashes long keys: safe to call with anything.
func Hashing(key string) error {
	if len(key) > 240 {
		key = fmt.Sprintf("%x", sha256.Sum256([]byte(key)))
	}
	_, err := mc.Get("h:" + key)
	return err
}

// Put builds the item itself.
func Put(key string, v []byte) error {
	return mc.Set(&memcache.Item{Key: "item:" + key, Value: v})
}

// Key builds a key for its callers.
func Key(kind, id string) string {
	return kind + ":" + id
}

// PutItem builds the item in a variable whose address it takes, so the
// literal is built aside and copied: only the Key field counts, not the
// value beside it.
func PutItem(key string, value []byte) error {
	item := memcache.Item{Key: "i:" + key, Value: value}
	return mc.Set(&item)
}
