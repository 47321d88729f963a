// Package app uses the versioned dependency example.com/cachewrap, which
// the prune test serves from a module proxy of its own, so that cachevet
// sees it as it sees any module from the module cache: through a wrapper
// (analyzed: it imports gomemcache), a key builder, a request helper and
// a gRPC client helper (read from export data) and a hand-written client
// (analyzed: its text holds a command).
package app

import (
	"net"
	"net/http"
	"net/url"

	"example.com/cachewrap/keys"
	"example.com/cachewrap/proto"
	"example.com/cachewrap/rpc"
	"example.com/cachewrap/web"
	"example.com/cachewrap/wrap"
	"github.com/bradfitz/gomemcache/memcache"
)

var mc = memcache.New("127.0.0.1:11211")

func Wrapped(w http.ResponseWriter, r *http.Request) {
	wrap.New("127.0.0.1:11211").Get(r.FormValue("id")) // want keyinjection: through (*wrap.Cache).Get // want keylength: unbounded
}

func Built(w http.ResponseWriter, r *http.Request) {
	mc.Get(keys.Product(r.FormValue("id"))) // want keyinjection: r.FormValue // want keylength: unbounded
}

func Tenanted(w http.ResponseWriter, r *http.Request) {
	mc.Get(rpc.CacheKey("Get", r.FormValue("tenant"))) // want keyinjection: r.FormValue // want keylength: unbounded
}

func Sourced(w http.ResponseWriter, r *http.Request) {
	mc.Get("user:" + web.Param(r, "user")) // want keyinjection: web.Param, given the request // want keylength: unbounded
}

func SourcedEscaped(w http.ResponseWriter, r *http.Request) {
	mc.Get("user:" + url.QueryEscape(web.Param(r, "user"))) // ok keyinjection: url.QueryEscape // want keylength: unbounded
}

func HandWritten(conn net.Conn, r *http.Request) {
	proto.Get(conn, r.FormValue("k")) // want keyinjection: hand-written memcached "get" command through proto.Get // want keylength: unbounded
}
