// Package clients checks every modelled client's key shapes: the harm each
// message names is that client's.
package clients

import (
	"net/http"
	"net/url"

	"github.com/kklis/gomemcache"
)

func Kklis(mc *gomemcache.Memcache, r *http.Request) {
	id := r.FormValue("id")
	mc.Get("user:" + id)                  // want `kklis/gomemcache sends the key as it is: CR/LF in it ends the command line, so the sender injects memcached commands`
	mc.GetMulti("a", id)                  // want `reaches the memcache key of \(\*gomemcache.Memcache\).GetMulti`
	mc.Set("user:"+id, nil, 0, 0)         // want `\(\*gomemcache.Memcache\).Set unescaped`
	mc.Get("user:" + url.QueryEscape(id)) // escaped: no unsafe byte
	mc.Set("const", []byte(id), 0, 0)     // the value is not a key
}
