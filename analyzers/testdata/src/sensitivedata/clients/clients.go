// Package clients checks the value argument of every modelled client.
package clients

import (
	"context"
	"encoding/json"

	quang "github.com/QuangTung97/go-memcache/memcache"
	couchbase "github.com/couchbase/gomemcached/client"
	godropbox "github.com/dropbox/godropbox/memcache"
	"github.com/kklis/gomemcache"
	mc "github.com/memcachier/mc/v3"
	pior "github.com/pior/memcache"
	rainycape "github.com/rainycape/memcache"
	"github.com/yeqown/memcached"
	aememcache "google.golang.org/appengine/memcache"
)

type User struct {
	Name         string
	Email        string
	PasswordHash string
}

type Public struct {
	Name string
}

func Values(ctx context.Context, u User, k *gomemcache.Memcache, y memcached.Client, q *quang.Pipeline, p *pior.Client,
	rc *rainycape.Client, m *mc.Client, cb *couchbase.Client, d *godropbox.RawAsciiClient) {
	b, _ := json.Marshal(u)
	pub, _ := json.Marshal(Public{Name: u.Name})
	k.Set("user:1", b, 0, 0) // want `cached value stored by \(\*gomemcache.Memcache\).Set contains User.Email and User.PasswordHash \(encoding/json\)`
	k.Set("user:1", pub, 0, 0)
	y.Set(ctx, "user:1", b, 0, 0)                    // want `\(memcached.Client\).Set contains User.Email`
	y.MetaSet(ctx, []byte("user:1"), b)              // want `\(memcached.Client\).MetaSet contains User.Email`
	q.MSet("user:1", b, quang.MSetOptions{})         // want `\(\*memcache.Pipeline\).MSet contains User.Email`
	p.Set(ctx, pior.Item{Key: "user:1", Value: b})   // want `\(\*memcache.Commands\).Set contains User.Email`
	rc.Set(&rainycape.Item{Key: "user:1", Value: b}) // want `\(\*memcache.Client\).Set contains User.Email`
	m.Set("user:1", string(b), 0, 0, 0)              // want `\(\*mc.Client\).Set contains User.Email`
	m.Set("user:1", string(pub), 0, 0, 0)
	cb.Set(0, "user:1", 0, 0, b)                                         // want `\(\*memcached.Client\).Set contains User.Email`
	d.Append("user:1", b)                                                // want `\(\*memcache.RawAsciiClient\).Append contains User.Email`
	aememcache.Set(ctx, &aememcache.Item{Key: "user:1", Value: b})       // want `stored by memcache.Set contains User.Email`
	aememcache.JSON.Set(ctx, &aememcache.Item{Key: "user:1", Object: u}) // want `\(memcache.Codec\).Set contains User.Email and User.PasswordHash \(encoding/json\)`
	aememcache.JSON.Set(ctx, &aememcache.Item{Key: "user:1", Object: Public{}})
}
