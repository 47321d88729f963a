// Package clients checks that keylength names each client's harm for a
// key over 250 bytes.
package clients

import (
	"context"
	"net/http"
	"net/url"

	quang "github.com/QuangTung97/go-memcache/memcache"
	godropbox "github.com/dropbox/godropbox/memcache"
	grafana "github.com/grafana/gomemcache/memcache"
	"github.com/kklis/gomemcache"
	mc "github.com/memcachier/mc/v3"
	pior "github.com/pior/memcache"
	rainycape "github.com/rainycape/memcache"
	"github.com/yeqown/memcached"
	aememcache "google.golang.org/appengine/memcache"
)

func Lengths(ctx context.Context, r *http.Request, k *gomemcache.Memcache, y memcached.Client, q *quang.Pipeline, p *pior.Client,
	rc *rainycape.Client, m *mc.Client, g *grafana.Client, d godropbox.Client) {
	q1 := url.QueryEscape(r.FormValue("q"))
	k.Get("search:" + q1)                                 // want `\(\*gomemcache.Memcache\).Get may be 7 \+ unbounded bytes .*: memcached rejects the command line, and before 1.6.40 runs the data block`
	y.Get(ctx, "search:"+q1)                              // want `\(memcached.Client\).Get .*: yeqown/memcached lets keys of up to 65535 bytes through, so memcached rejects the command line`
	q.MGet("search:"+q1, quang.MGetOptions{})             // want `\(\*memcache.Pipeline\).MGet .*: memcached rejects the command line`
	p.Get(ctx, "search:"+q1)                              // want `\(\*memcache.Commands\).Get .*: pior/memcache fails with an InvalidKeyError, so long input bypasses the cache`
	rc.Get("search:" + q1)                                // want `memcached refuses a binary request with a key over 250 bytes, so long input bypasses the cache on every request; at 64 KiB the client.s 16-bit key length overflows, and the server takes the key.s first bytes for the key and the rest for the value`
	m.Get("search:" + q1)                                 // want `\(\*mc.Client\).Get .*; at 64 KiB the client's 16-bit key length overflows`
	g.Get("search:" + q1)                                 // want `grafana/gomemcache fails with ErrMalformedKey`
	d.Get("search:" + q1)                                 // want `godropbox/memcache fails with an invalid-key error response`
	aememcache.Get(ctx, "search:"+q1)                     // want `memcache.Get .*: the memcache service refuses keys over 250 bytes with an error`
	aememcache.Set(ctx, &aememcache.Item{Key: "s:" + q1}) // want `memcache.Set may be 2 \+ unbounded bytes .*: the memcache service refuses keys over 250 bytes`
	if len(q1) <= 64 {
		rc.Get("search:" + q1)
	}
}
