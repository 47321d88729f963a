// Package httpcache is an HTTP cache transport modelled on
// gregjones/httpcache: it keys the cache the application chooses by the
// outgoing request's URL.
package httpcache

import (
	"bufio"
	"bytes"
	"net/http"
	"net/http/httputil"
)

// Cache is where responses are kept.
type Cache interface {
	Get(key string) ([]byte, bool)
	Set(key string, resp []byte)
}

// Transport serves responses from Cache, and fetches the rest with Next.
type Transport struct {
	Cache Cache
	Next  http.RoundTripper
}

// NewTransport returns a transport over c.
func NewTransport(c Cache) *Transport { return &Transport{Cache: c, Next: http.DefaultTransport} }

// RoundTrip implements http.RoundTripper.
func (t *Transport) RoundTrip(req *http.Request) (*http.Response, error) {
	key := req.URL.String()
	if b, ok := t.Cache.Get(key); ok {
		return http.ReadResponse(bufio.NewReader(bytes.NewReader(b)), req)
	}
	resp, err := t.Next.RoundTrip(req)
	if err == nil {
		if b, err := httputil.DumpResponse(resp, true); err == nil {
			t.Cache.Set(key, b)
		}
	}
	return resp, err
}
