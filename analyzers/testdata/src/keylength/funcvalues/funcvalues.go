// Package funcvalues builds keys that reach memcache through function
// values and channels.
package funcvalues

import (
	"crypto/sha256"
	"encoding/hex"
	"net/http"

	"github.com/bradfitz/gomemcache/memcache"
)

var mc = memcache.New("127.0.0.1:11211")

func withKey(key string, fn func(string)) { fn("user:" + key) }

func callback(r *http.Request) {
	withKey(r.URL.Path, func(k string) { mc.Get(k) }) // want `may be unbounded bytes`
	withKey("fixed", func(k string) { mc.Get(k) })
}

func worker(keys <-chan string) {
	for k := range keys {
		mc.Delete(k)
	}
}

func channel(r *http.Request) {
	keys := make(chan string, 2)
	go worker(keys) // want `may be unbounded bytes`
	keys <- r.URL.Path
}

func hashedChannel(r *http.Request) {
	keys := make(chan string, 2)
	go worker(keys)
	sum := sha256.Sum256([]byte(r.URL.Path))
	keys <- hex.EncodeToString(sum[:])
}
