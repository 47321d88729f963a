package configured // want package:"analyzed"

import (
	"net/http"

	"github.com/bradfitz/gomemcache/memcache"
)

var mc = memcache.New("127.0.0.1:11211")

// clean and ok are declared by the -sanitizers and -validators flags.
func clean(s string) string { return s } // want clean:`sanitizer`

func ok(s string) bool { return s != "" } // want ok:`validator`

func notDeclared(s string) string { return s } // want notDeclared:`param 0 -> result`

func handler(r *http.Request) {
	k := r.FormValue("k")
	mc.Get(clean(k))
	if ok(k) {
		mc.Get(k)
	}
	mc.Get(notDeclared(k)) // want `request data`
}
