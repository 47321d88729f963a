package suppress

import (
	"net/http"

	"github.com/bradfitz/gomemcache/memcache"
)

var mc = memcache.New("127.0.0.1:11211")

func handler(r *http.Request) {
	//cachevet:ignore keyinjection ids come from our own router and are checked there
	mc.Get(r.FormValue("id"))
	mc.Get(r.FormValue("id")) //cachevet:ignore keyinjection same as above

	//cachevet:ignore keyinjection // want `//cachevet:ignore keyinjection needs a reason`
	mc.Get(r.FormValue("id"))

	//cachevet:ignore keylength not this analyzer
	mc.Get(r.FormValue("id")) // want `request data`
}
