// Package sessionsmc keeps sessions in memcached.
package sessionsmc

import (
	"github.com/bradfitz/gomemcache/memcache"

	"example.com/dispatch/sessions"
)

var client = memcache.New("127.0.0.1:11211")

type provider struct{}

func (provider) SessionRead(sid string) (string, error) {
	it, err := client.Get(sid)
	if err != nil {
		return "", err
	}
	return string(it.Value), nil
}

func init() { sessions.Register("memcache", provider{}) }
