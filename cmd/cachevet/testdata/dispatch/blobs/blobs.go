// Package blobs serves blobs from a cache that main configures in a
// literal: the implementation's package imports this one only for its
// error.
package blobs

import (
	"errors"
	"net/http"
)

// ErrMiss is what a cache returns for a missing blob.
var ErrMiss = errors.New("blobs: miss")

// Cache holds blobs.
type Cache interface {
	Get(key string) ([]byte, error)
}

// Options configure the package.
type Options struct{ Cache Cache }

var cache Cache

// Use takes main's options.
func Use(o Options) { cache = o.Cache }

// Blob serves the blob the query names.
func Blob(w http.ResponseWriter, r *http.Request) {
	b, err := cache.Get("blob:" + r.FormValue("sha"))
	if err != nil {
		http.NotFound(w, r)
		return
	}
	w.Write(b)
}
