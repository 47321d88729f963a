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

// Param and Lookup are declared by the -sources and -sinks flags.
func Param(name string) string { return name }

type Cache struct{}

func (*Cache) Lookup(key string) string { return "" }

func custom(c *Cache) {
	c.Lookup(Param("id")) // want `data from configured\.Param \(configured source\) reaches the memcache key of \(\*keyinjection/configured\.Cache\)\.Lookup unescaped`
	c.Lookup("fixed")
}
