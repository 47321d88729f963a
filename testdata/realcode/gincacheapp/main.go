// Command gincacheapp wires a memcached-backed store into a real
// page-cache middleware, github.com/chenyahui/gin-cache v1.10.0, the way
// its README shows for Redis: the middleware builds the key from the
// request (the raw request URI, or the path and the decoded query values
// with IgnoreQueryOrder) and calls the store, whose gomemcache client
// rejects a key over 250 bytes or holding a space or control byte
// (ErrMalformedKey): a cache bypass the sender chooses. run.sh runs
// cachevet on it as the main module of a scratch module; TRIAGE.md says
// what it reports.
package main

import (
	"errors"
	"net/http"
	"time"

	"github.com/bradfitz/gomemcache/memcache"
	cache "github.com/chenyahui/gin-cache"
	"github.com/chenyahui/gin-cache/persist"
	"github.com/gin-gonic/gin"
)

// mcStore is a persist.CacheStore on memcached.
type mcStore struct{ c *memcache.Client }

func (s *mcStore) Get(key string, v interface{}) error {
	it, err := s.c.Get(key)
	if errors.Is(err, memcache.ErrCacheMiss) {
		return persist.ErrCacheMiss
	}
	if err != nil {
		return err
	}
	return persist.Deserialize(it.Value, v)
}

func (s *mcStore) Set(key string, v interface{}, d time.Duration) error {
	b, err := persist.Serialize(v)
	if err != nil {
		return err
	}
	return s.c.Set(&memcache.Item{Key: key, Value: b, Expiration: int32(d.Seconds())})
}

func (s *mcStore) Delete(key string) error { return s.c.Delete(key) }

func page(c *gin.Context) { c.String(http.StatusOK, "hello") }

func main() {
	r := gin.Default()
	store := &mcStore{c: memcache.New("127.0.0.1:11211")}
	r.GET("/uri", cache.CacheByRequestURI(store, time.Minute), page)
	r.GET("/sorted", cache.CacheByRequestURI(store, time.Minute, cache.IgnoreQueryOrder()), page)
	r.GET("/path", cache.CacheByRequestPath(store, time.Minute), page)
	// The middleware's own in-memory store: no memcached key at all.
	r.GET("/mem", cache.CacheByRequestURI(persist.NewMemoryStore(time.Minute), time.Minute), page)
	_ = r.Run("127.0.0.1:8080")
}
