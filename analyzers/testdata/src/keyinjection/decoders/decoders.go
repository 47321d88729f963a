// Package decoders has helpers that decode what they are given: escaped
// request data (r.RequestURI, r.URL.RawQuery) comes out raw, so their
// callers in other packages are reported, and helpers that escape, hash
// or check again after decoding are not.
package decoders

import (
	"crypto/sha256"
	"encoding/hex"
	"net/url"
	"strings"

	"github.com/bradfitz/gomemcache/memcache"
)

// PathOf returns the decoded path of a request URI: "%20" is a space.
func PathOf(uri string) string {
	u, err := url.ParseRequestURI(uri)
	if err != nil {
		return uri
	}
	return u.Path
}

// Unescape decodes a query component.
func Unescape(s string) string {
	v, err := url.QueryUnescape(s)
	if err != nil {
		return s
	}
	return v
}

// Sorted rebuilds a query with its decoded values in order.
func Sorted(rawQuery string) string {
	values, _ := url.ParseQuery(rawQuery)
	var parts []string
	for k, vs := range values {
		for _, v := range vs {
			parts = append(parts, k+"="+v)
		}
	}
	return strings.Join(parts, "&")
}

// Lower keeps its argument's bytes: an escaped argument stays escaped.
func Lower(s string) string { return strings.ToLower(s) }

// Reescaped decodes and escapes again.
func Reescaped(s string) string { return url.QueryEscape(Unescape(s)) }

// Digest decodes and hashes.
func Digest(s string) string {
	sum := sha256.Sum256([]byte(Unescape(s)))
	return hex.EncodeToString(sum[:])
}

// Checked decodes and rejects what a key cannot hold.
func Checked(s string) (string, bool) {
	v := Unescape(s)
	if strings.ContainsAny(v, " \t\r\n\x00\x7f") || strings.IndexFunc(v, func(r rune) bool { return r < 0x20 }) >= 0 {
		return "", false
	}
	return v, true
}

// Cache decodes the key it is given before it reaches memcached.
type Cache struct{ mc *memcache.Client }

func (c *Cache) GetDecoded(key string) (*memcache.Item, error) {
	return c.mc.Get(Unescape(key))
}

func (c *Cache) GetEscaped(key string) (*memcache.Item, error) {
	return c.mc.Get(url.QueryEscape(Unescape(key)))
}
