// Package app uses the versioned dependency example.com/cachewrap, which
// the prune test serves from a module proxy of its own, so that cachevet
// sees it as it sees any module from the module cache.
package app

import (
	"net"
	"net/http"

	"example.com/cachewrap/keys"
	"example.com/cachewrap/proto"
	"example.com/cachewrap/web"
	"example.com/cachewrap/wrap"
	"github.com/bradfitz/gomemcache/memcache"
)

var mc = memcache.New("127.0.0.1:11211")

func Wrapped(w http.ResponseWriter, r *http.Request) {
	wrap.New("127.0.0.1:11211").Get(r.FormValue("id")) // through a versioned wrapper
}

func Built(w http.ResponseWriter, r *http.Request) {
	mc.Get(keys.Product(r.FormValue("id"))) // through a key builder read from export data
}

func Sourced(w http.ResponseWriter, r *http.Request) {
	mc.Get("user:" + web.Param(r, "user")) // from a versioned helper: opaque, not reported
}

func HandWritten(conn net.Conn, r *http.Request) {
	proto.Get(conn, r.FormValue("k")) // through a hand-written command
}
