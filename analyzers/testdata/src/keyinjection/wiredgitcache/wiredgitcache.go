// Package wiredgitcache imports wiredgit for its error only: it sees the
// flow into Cache.Get but does not hand MC out, so main, which does, is
// where it is reported. Handed, its own package reports it at the sink.
package wiredgitcache

import (
	"github.com/bradfitz/gomemcache/memcache"

	"keyinjection/wiredgit"
)

type MC struct{ Client *memcache.Client }

func (c *MC) Get(key string) ([]byte, error) {
	it, err := c.Client.Get(key)
	if err != nil {
		return nil, wiredgit.ErrMiss
	}
	return it.Value, nil
}

// Handed is MC handed out as the interface by its own package.
type Handed struct{ MC }

func (h *Handed) Get(key string) ([]byte, error) {
	it, err := h.Client.Get(key) // want `the request URL \(r\.URL\), passed by wiredgit\.Blob to Cache\.Get reaches the memcache key of \(\*memcache\.Client\)\.Get unescaped`
	if err != nil {
		return nil, err
	}
	return it.Value, nil
}

func New(c *memcache.Client) wiredgit.Cache { return &Handed{MC{Client: c}} }
