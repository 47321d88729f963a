// Package store wraps gomemcache: its exported functions put their
// parameters into keys, so findings land at their callers.
package store

import (
	"errors"
	"net/url"

	"github.com/bradfitz/gomemcache/memcache"
)

// Store caches profiles and sessions.
type Store struct{ mc *memcache.Client }

// New returns a Store on the given servers.
func New(servers ...string) *Store { return &Store{mc: memcache.New(servers...)} }

// Profile returns the cached profile of user.
func (s *Store) Profile(user string) ([]byte, error) {
	it, err := s.mc.Get("profile:" + user)
	if err != nil {
		return nil, err
	}
	return it.Value, nil
}

// SaveProfile caches the profile of user.
func SaveProfile(mc *memcache.Client, user string, profile []byte) error {
	return mc.Set(&memcache.Item{Key: "profile:" + user, Value: profile})
}

// ErrBadID is returned for session ids longer than 64 bytes.
var ErrBadID = errors.New("store: session id too long")

// Session returns the cached session; it checks the length of the id and
// escapes it itself, so callers may pass anything.
func Session(mc *memcache.Client, id string) ([]byte, error) {
	if len(id) > 64 {
		return nil, ErrBadID
	}
	it, err := mc.Get("session:" + url.QueryEscape(id))
	if err != nil {
		return nil, err
	}
	return it.Value, nil
}
