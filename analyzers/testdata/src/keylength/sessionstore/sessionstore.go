// Package sessionstore is a memcache provider of keyinjection/sessions:
// the cookie's session ID has no bound on its length.
package sessionstore

import (
	"github.com/bradfitz/gomemcache/memcache"

	"keyinjection/sessions"
)

var client = memcache.New("127.0.0.1:11211")

type provider struct{}

func (provider) SessionRead(sid string) (string, error) {
	it, err := client.Get("session:" + sid) // want `the memcache key of \(\*memcache\.Client\)\.Get may be 8 \+ unbounded bytes \(a request cookie \(r\.Cookie\) returned by \(\*sessions\.Manager\)\.sid, passed by \(\*sessions\.Manager\)\.SessionStart to Provider\.SessionRead\)`
	if err != nil {
		return "", err
	}
	return string(it.Value), nil
}

// SessionExist checks the length first.
func (provider) SessionExist(sid string) (bool, error) {
	if len(sid) > 64 {
		return false, nil
	}
	_, err := client.Get("session:" + sid)
	return err == nil, nil
}

func init() { sessions.Register("memcache", provider{}) }
