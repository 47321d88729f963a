// Package ctxhandlers reads what middleware it does not import stores
// under a context key: the package that wires the two reports it.
package ctxhandlers

import (
	"net/http"

	"github.com/bradfitz/gomemcache/memcache"

	"example.com/dispatch/ctxkeys"
)

var mc = memcache.New("127.0.0.1:11211")

func Account(w http.ResponseWriter, r *http.Request) {
	u, _ := r.Context().Value(ctxkeys.User).(string)
	mc.Get("account:" + u)
}
