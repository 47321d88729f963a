package store

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

func (s *Store) Get(key string) ([]byte, error) {
	it, err := s.mc.Get(s.prefix + key)
	if err != nil {
		return nil, err
	}
	return it.Value, nil
}

func (s *Store) Put(key string, v []byte) error {
	return s.mc.Set(&memcache.Item{Key: s.prefix + key, Value: v})
}

func (s *Store) PutItem(it *memcache.Item) error {
	return s.mc.Set(it)
}

func (s *Store) GetAll(keys []string) error {
	_, err := s.mc.GetMulti(keys)
	return err
}

// Lookup goes through another wrapper.
func (s *Store) Lookup(kind, id string) ([]byte, error) {
	return s.Get(kind + ":" + id)
}

// Normalize removes spaces only: CR/LF still reach the key.
func Normalize(k string) string {
	return strings.ReplaceAll(k, " ", "")
}

// Query is a source wrapper.
func Query(r *http.Request, name string) string {
	return r.FormValue(name)
}

// Key is a sanitizer by declaration.
//
//cachevet:sanitizer
func Key(s string) string {
	return s
}

// Hashed is a sanitizer by construction: its result never holds an
// unsafe byte, whatever the argument.
func Hashed(s string) string {
	return strings.Map(func(r rune) rune {
		if r <= ' ' || r == 0x7f {
			return '_'
		}
		return r
	}, s)
}
