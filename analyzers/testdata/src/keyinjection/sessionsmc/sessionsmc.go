// Package sessionsmc is the memcache provider of package sessions,
// registered by name from init: the session IDs SessionStart reads from
// the cookie are reported here, at the provider's Get.
package sessionsmc

import (
	"github.com/bradfitz/gomemcache/memcache"

	"keyinjection/sessions"
)

var client = memcache.New("127.0.0.1:11211")

type Provider struct{}

func (p *Provider) SessionRead(sid string) (string, error) {
	it, err := client.Get(sid) // want `a request cookie \(r\.Cookie\) returned by \(\*sessions\.Manager\)\.sid, passed by \(\*sessions\.Manager\)\.SessionStart to Provider\.SessionRead reaches the memcache key of \(\*memcache\.Client\)\.Get unescaped`
	if err != nil {
		return "", err
	}
	return string(it.Value), nil
}

func (p *Provider) SessionExist(sid string) (bool, error) {
	_, err := client.Get(sid) // want `passed by \(\*sessions\.Manager\)\.SessionStart to Provider\.SessionExist reaches the memcache key`
	return err == nil, nil
}

var provider = &Provider{}

func init() { sessions.Register("memcache", provider) }

// unregistered has the methods but is never handed out as a Provider.
type unregistered struct{}

func (unregistered) SessionRead(sid string) (string, error) {
	it, err := client.Get(sid)
	if err != nil {
		return "", err
	}
	return string(it.Value), nil
}

func (unregistered) SessionExist(sid string) (bool, error) { return false, nil }

// mapProvider is registered but keeps sessions in a map.
type mapProvider map[string]string

func (m mapProvider) SessionRead(sid string) (string, error) { return m[sid], nil }
func (m mapProvider) SessionExist(sid string) (bool, error)  { _, ok := m[sid]; return ok, nil }

func init() { sessions.Register("map", mapProvider{}) }
