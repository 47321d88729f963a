// Package wiredgit reads a cache interface that main sets: the
// implementation lives in a package that does not import this one.
package wiredgit

import (
	"errors"
	"net/http"
)

// ErrMiss is what a cache returns for a missing blob.
var ErrMiss = errors.New("wiredgit: cache miss")

type Cache interface {
	Get(key string) ([]byte, error)
}

var cache Cache

// SetCache is called by main.
func SetCache(c Cache) { cache = c }

// Options are what main may configure instead, in a literal.
type Options struct {
	Cache Cache
	Name  string
}

// Use takes main's options.
func Use(o Options) { cache = o.Cache }

// Fallback is a cache main may assign.
var Fallback Cache

func Blob(w http.ResponseWriter, r *http.Request) {
	b, _ := cache.Get("blob:" + r.URL.Query().Get("sha"))
	w.Write(b)
}
