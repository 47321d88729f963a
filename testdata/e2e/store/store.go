// Package store wraps gomemcache: its exported functions put their
// parameters into keys, so findings land at their callers.
package store

import (
	"errors"
	"net/url"
	"strings"

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

// Provider keeps sessions in memcached through a client it makes from its
// server list on first use, as beego's memcache session provider does.
type Provider struct{ servers []string }

// shared is the client every Provider method uses.
var shared *memcache.Client

// Init reads a server list such as "host:port; host:port".
func (p *Provider) Init(list string) {
	p.servers = strings.Split(list, ";")
	shared = memcache.New(p.servers...)
}

// Regenerate moves a session to a new id: the item it writes back holds
// the key it read, not the servers the client was made with.
func (p *Provider) Regenerate(oldID, newID string) error {
	it, err := shared.Get("session:" + url.QueryEscape(oldID))
	if err != nil {
		return err
	}
	it.Key = "session:" + url.QueryEscape(newID)
	return shared.Set(it)
}

// DefaultProvider uses the two cache servers of the deployment.
func DefaultProvider() *Provider {
	p := new(Provider)
	p.Init("10.0.0.1:11211; 10.0.0.2:11211") // ok keyinjection: the server list makes the client, it is in no key
	return p
}
