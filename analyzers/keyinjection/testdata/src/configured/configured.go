package configured

import (
	"net/http"

	"github.com/bradfitz/gomemcache/memcache"
)

var mc = memcache.New("127.0.0.1:11211")

// clean and ok are declared by the -sanitizers and -validators flags.
func clean(s string) string { return s }

func ok(s string) bool { return s != "" }

func notDeclared(s string) string { return s }

func handler(r *http.Request) {
	k := r.FormValue("k")
	mc.Get(clean(k))
	if ok(k) {
		mc.Get(k)
	}
	mc.Get(notDeclared(k)) // want `request data`
}
