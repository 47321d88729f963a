package clients

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"net/http"
	"net/url"

	quang "github.com/QuangTung97/go-memcache/memcache"
	couchbase "github.com/couchbase/gomemcached/client"
	godropbox "github.com/dropbox/godropbox/memcache"
	grafana "github.com/grafana/gomemcache/memcache"
	grobie "github.com/grobie/gomemcache/memcache"
	mc "github.com/memcachier/mc/v3"
	pior "github.com/pior/memcache"
	rainycape "github.com/rainycape/memcache"
	"github.com/yeqown/memcached"
	aememcache "google.golang.org/appengine/memcache"
	aememcache2 "google.golang.org/appengine/v2/memcache"
)

func hashed(s string) string {
	sum := sha256.Sum256([]byte(s))
	return hex.EncodeToString(sum[:])
}

func Grafana(ctx context.Context, c *grafana.Client, r *http.Request) {
	id := r.FormValue("id")
	c.Get("user:" + id)                     // want `makes grafana/gomemcache fail with ErrMalformedKey`
	c.GetMulti(ctx, []string{"user:" + id}) // want `key of \(\*memcache.Client\).GetMulti unescaped: .* makes grafana/gomemcache fail`
	c.GetMulti(ctx, []string{"user:" + url.QueryEscape(id)})
	c.Set(&grafana.Item{Key: "user:" + id}) // want `Key of the Item passed to \(\*memcache.Client\).Set unescaped: .* grafana/gomemcache`
}

func Grobie(c *grobie.Client, r *http.Request) {
	id := r.FormValue("id")
	c.Get("user:" + id)                    // want `makes grobie/gomemcache fail with ErrMalformedKey`
	c.GetMulti([]string{id})               // want `GetMulti unescaped: .* grobie/gomemcache`
	c.Set(&grobie.Item{Key: "user:" + id}) // want `Item passed to \(\*memcache.Client\).Set unescaped: .* grobie/gomemcache`
	c.Delete("user:" + hashed(id))
}

func Yeqown(ctx context.Context, c memcached.Client, r *http.Request) {
	id := r.FormValue("id")
	c.Get(ctx, "user:"+id)             // want `key of \(memcached.Client\).Get unescaped: yeqown/memcached sends the key as it is: CR/LF in it ends the command line, so the sender injects memcached commands`
	c.Gets(ctx, "a", id)               // want `\(memcached.Client\).Gets unescaped: yeqown/memcached sends the key as it is`
	c.GetAndTouch(ctx, 0, id)          // want `\(memcached.Client\).GetAndTouch unescaped`
	c.Set(ctx, "user:"+id, nil, 0, 0)  // want `\(memcached.Client\).Set unescaped`
	c.MetaGet(ctx, []byte("user:"+id)) // want `\(memcached.Client\).MetaGet unescaped: yeqown/memcached meta sends the key as it is: CR/LF in it ends the meta command line`
	c.Set(ctx, "user:"+hashed(id), []byte(id), 0, 0)
}

func Quang(p *quang.Pipeline, r *http.Request) {
	id := r.FormValue("id")
	p.MGet("user:"+id, quang.MGetOptions{})      // want `MGet unescaped: QuangTung97/go-memcache's key check lets a space through: a space in it ends the key on the mg/ms/md line and turns the rest into flags`
	p.MSet("user:"+id, nil, quang.MSetOptions{}) // want `MSet unescaped: QuangTung97/go-memcache's key check lets a space through`
	p.MDel(url.QueryEscape(id), quang.MDelOptions{})
}

func Pior(ctx context.Context, c *pior.Client, b *pior.BatchCommands, r *http.Request) {
	id := r.FormValue("id")
	c.Get(ctx, "user:"+id)                            // want `\(\*memcache.Commands\).Get unescaped: pior/memcache's key check lets NUL or other control bytes through: NUL in it ends the key for memcached, so distinct keys collide`
	c.Set(ctx, pior.Item{Key: "user:" + id})          // want `Item passed to \(\*memcache.Commands\).Set unescaped: pior/memcache's key check lets NUL`
	b.MultiGet(ctx, []string{id})                     // want `MultiGet unescaped: pior/memcache batch's key check lets NUL`
	b.MultiSet(ctx, []pior.Item{{Key: "user:" + id}}) // want `MultiSet unescaped: pior/memcache batch's key check`
	c.Delete(ctx, hashed(id))
}

func Rainycape(c *rainycape.Client, r *http.Request) {
	id := r.FormValue("id")
	c.Get("user:" + id)                       // want `rainycape/memcache sends the key as it is: the binary protocol carries the key as bytes, so nothing is injected, but memcached stores .* and stats cachedump and lru_crawler metadump print the raw bytes`
	c.GetMulti([]string{id})                  // want `GetMulti unescaped: rainycape/memcache sends the key as it is: the binary protocol`
	c.Set(&rainycape.Item{Key: "user:" + id}) // want `Item passed to \(\*memcache.Client\).Set unescaped: rainycape/memcache`
	c.Set(&rainycape.Item{Key: "user:1", Value: []byte(id)})
}

func Memcachier(c *mc.Client, r *http.Request) {
	id := r.FormValue("id")
	c.Get("user:" + id)             // want `\(\*mc.Client\).Get unescaped: memcachier/mc sends the key as it is: the binary protocol`
	c.Set("user:"+id, "v", 0, 0, 0) // want `\(\*mc.Client\).Set unescaped: memcachier/mc`
	c.Set("user:1", id, 0, 0, 0)
}

func Couchbase(c *couchbase.Client, r *http.Request) {
	id := r.FormValue("id")
	c.Get(0, "user:"+id)                 // want `\(\*memcached.Client\).Get unescaped: couchbase/gomemcached sends the key as it is: the binary protocol`
	c.Set(0, "user:"+id, 0, 0, nil)      // want `\(\*memcached.Client\).Set unescaped: couchbase/gomemcached`
	c.GetBulk(0, []string{id}, nil, nil) // want `\(\*memcached.Client\).GetBulk unescaped: couchbase/gomemcached`
	c.Del(0, url.QueryEscape(id))
}

func Godropbox(c godropbox.Client, raw *godropbox.RawAsciiClient, bin *godropbox.RawBinaryClient, r *http.Request) {
	id := r.FormValue("id")
	c.Get("user:" + id)                                // want `\(memcache.Client\).Get unescaped: .* makes godropbox/memcache fail with an invalid-key error response`
	c.SetMulti([]*godropbox.Item{{Key: "user:" + id}}) // want `\(memcache.Client\).SetMulti unescaped: .* godropbox/memcache fail`
	raw.Get("user:" + id)                              // want `\(\*memcache.RawAsciiClient\).Get unescaped: .* godropbox/memcache RawAsciiClient fail`
	raw.Append("user:"+id, nil)                        // want `\(\*memcache.RawAsciiClient\).Append unescaped`
	bin.Delete("user:" + id)                           // want `\(\*memcache.RawBinaryClient\).Delete unescaped: .* godropbox/memcache RawBinaryClient fail`
	c.DeleteMulti([]string{hashed(id)})
}

func Appengine(ctx context.Context, r *http.Request) {
	id := r.FormValue("id")
	aememcache.Get(ctx, "user:"+id) // RPC: any byte is a byte of the key
	aememcache.Set(ctx, &aememcache.Item{Key: "user:" + id})
	aememcache2.GetMulti(ctx, []string{id})
	aememcache.JSON.Get(ctx, "user:"+id, nil)
}
