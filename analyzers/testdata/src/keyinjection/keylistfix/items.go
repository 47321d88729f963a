package keylistfix

import (
	"context"
	"net/http"

	godropbox "github.com/dropbox/godropbox/memcache"
	pior "github.com/pior/memcache"
)

// Items in a literal list, and an Item passed by value: each key field is
// rewritten as a single key's fix rewrites it.
func items(ctx context.Context, r *http.Request, c *pior.Client, b *pior.BatchCommands, d godropbox.Client) {
	id := r.FormValue("id")
	c.Set(ctx, pior.Item{Key: "user:" + id})                               // want `\(\*memcache.Commands\).Set unescaped`
	b.MultiSet(ctx, []pior.Item{{Key: "user:" + id}, {Key: "all"}})        // want `\(\*memcache.BatchCommands\).MultiSet unescaped`
	d.SetMulti([]*godropbox.Item{{Key: "user:" + id, Value: []byte("v")}}) // want `\(memcache.Client\).SetMulti unescaped`
}
