package store // want package:"analyzed"

// Package store wraps gomemcache; its callers in other packages are
// reported, never the wrappers.

import (
	"net/http"
	"strings"

	"github.com/bradfitz/gomemcache/memcache"
)

type Store struct {
	mc     *memcache.Client
	prefix string
}

func New() *Store { return &Store{mc: memcache.New("127.0.0.1:11211"), prefix: "app:"} }

func (s *Store) Get(key string) ([]byte, error) { // want Get:`param 1 -> \(\*memcache\.Client\)\.Get key`
	it, err := s.mc.Get(s.prefix + key)
	if err != nil {
		return nil, err
	}
	return it.Value, nil
}

func (s *Store) Put(key string, v []byte) error { // want Put:`param 1 -> \(\*memcache\.Client\)\.Set key`
	return s.mc.Set(&memcache.Item{Key: s.prefix + key, Value: v})
}

func (s *Store) PutItem(it *memcache.Item) error { // want PutItem:`param 1 -> \(\*memcache\.Client\)\.Set key`
	return s.mc.Set(it)
}

func (s *Store) GetAll(keys []string) error { // want GetAll:`param 1 -> \(\*memcache\.Client\)\.GetMulti key`
	_, err := s.mc.GetMulti(keys)
	return err
}

// Lookup goes through another wrapper.
func (s *Store) Lookup(kind, id string) ([]byte, error) { // want Lookup:`param 1 -> \(\*memcache\.Client\)\.Get key.*param 2 -> \(\*memcache\.Client\)\.Get key`
	return s.Get(kind + ":" + id)
}

// Normalize removes spaces only: CR/LF still reach the key.
func Normalize(k string) string { // want Normalize:`param 0 -> result \(CR/LF, a tab, NUL or other control bytes\)`
	return strings.ReplaceAll(k, " ", "")
}

// Query is a source wrapper.
func Query(r *http.Request, name string) string { // want Query:`returns request data \(r\.FormValue\)`
	return r.FormValue(name)
}

// Key is a sanitizer by declaration.
//
//cachevet:sanitizer
func Key(s string) string { // want Key:`sanitizer`
	return s
}

// Hashed is a sanitizer by construction: its result never holds an
// unsafe byte, whatever the argument.
func Hashed(s string) string { // want Hashed:`param 0 -> result \(escaped\)`
	return strings.Map(func(r rune) rune {
		if r <= ' ' || r == 0x7f {
			return '_'
		}
		return r
	}, s)
}
