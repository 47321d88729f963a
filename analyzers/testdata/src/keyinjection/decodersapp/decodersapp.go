// Package decodersapp passes escaped request data to another package's
// helpers: what a helper decodes is raw again.
package decodersapp

import (
	"net/http"

	"github.com/bradfitz/gomemcache/memcache"

	"keyinjection/decoders"
)

var mc = memcache.New("127.0.0.1:11211")

func Decoded(w http.ResponseWriter, r *http.Request, c *decoders.Cache) {
	mc.Get(decoders.PathOf(r.RequestURI))            // want `the request URI \(r\.RequestURI\) reaches the memcache key of \(\*memcache\.Client\)\.Get unescaped: a space, CR/LF or other control byte`
	mc.Get("q:" + decoders.Unescape(r.URL.RawQuery)) // want `the request URL \(r\.URL\) reaches the memcache key of \(\*memcache\.Client\)\.Get unescaped: a space, CR/LF or other control byte`
	mc.Get(decoders.Sorted(r.URL.RawQuery))          // want `the request URL \(r\.URL\) reaches the memcache key`
	c.GetDecoded(r.URL.EscapedPath())                // want `the request URL \(r\.URL\) reaches the memcache key of \(\*memcache\.Client\)\.Get through \(\*decoders\.Cache\)\.GetDecoded unescaped: a space, CR/LF or other control byte`
}

func Quiet(w http.ResponseWriter, r *http.Request, c *decoders.Cache) {
	mc.Get(decoders.Lower(r.URL.EscapedPath()))
	mc.Get(decoders.Reescaped(r.URL.RawQuery))
	mc.Get(decoders.Digest(r.URL.RawQuery))
	if v, ok := decoders.Checked(r.URL.RawQuery); ok {
		mc.Get(v)
	}
	c.GetEscaped(r.URL.EscapedPath())
	mc.Get(decoders.PathOf("/static%20page"))
}
