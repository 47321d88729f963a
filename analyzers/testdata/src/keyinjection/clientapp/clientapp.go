package clientapp

import (
	"net/http"

	"keyinjection/clientwrap"
)

func Handle(c *clientwrap.Cache, r *http.Request) {
	c.Lookup(r.FormValue("id"))                     // want `through \(\*clientwrap.Cache\).Lookup unescaped: kklis/gomemcache sends the key as it is: CR/LF in it ends the command line`
	c.Remember(r.Context(), r.FormValue("id"), "v") // want `through \(\*clientwrap.Cache\).Remember unescaped: memcachier/mc sends the key as it is: the binary protocol carries the key as bytes`
}
