// Package httpcacheapp wires an HTTP cache transport to a memcache-backed
// cache: outgoing URLs of any length become keys, reported where the
// cache is handed to the transport.
package httpcacheapp

import (
	"net/http"

	"github.com/bradfitz/gomemcache/memcache"

	"keylength/httpcache"
	"keylength/httpcachemc"
)

func clients(mc *memcache.Client) []*http.Client {
	return []*http.Client{
		{Transport: httpcache.NewTransport(&httpcachemc.Raw{MC: mc})}, // want `the argument that \(\*httpcachemc\.Raw\)\.Get puts into the key of \(\*memcache\.Client\)\.Get may be unbounded bytes \(the request URL \(r\.URL\), passed by \(\*httpcache\.Transport\)\.RoundTrip to Cache\.Get\)`
		{Transport: httpcache.NewTransport(&httpcachemc.Hashed{MC: mc})},
	}
}
