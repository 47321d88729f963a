package keylistfix

import (
	"context"
	"net/http"

	grafana "github.com/grafana/gomemcache/memcache"
	"github.com/kklis/gomemcache"
	"github.com/yeqown/memcached"
)

// Keys written out in a call that does not take the list alone: each key is
// rewritten as a single key's fix rewrites it; a []byte key is
// rewritten inside its conversion.
func elements(ctx context.Context, r *http.Request, k *gomemcache.Memcache, g *grafana.Client, y memcached.Client) {
	id := r.FormValue("id")
	k.GetMulti("user:"+id, "all")                  // want `\(\*gomemcache.Memcache\).GetMulti unescaped`
	g.GetMulti(ctx, []string{"user:" + id, "all"}) // want `\(\*memcache.Client\).GetMulti unescaped`
	y.MetaGet(ctx, []byte("user:"+id))             // want `\(memcached.Client\).MetaGet unescaped`
}
