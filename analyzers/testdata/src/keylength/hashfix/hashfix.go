package hashfix

import (
	"net/http"
	"net/url"

	"github.com/bradfitz/gomemcache/memcache"
)

var mc = memcache.New("127.0.0.1:11211")

func handler(r *http.Request) {
	mc.Get("search:" + url.QueryEscape(r.FormValue("q"))) // want `may be 7 \+ unbounded bytes`
	mc.Set(&memcache.Item{Key: r.URL.EscapedPath()})      // want `may be unbounded bytes`
}
