package fixes

import (
	"fmt"
	"net"
	"net/http"

	"github.com/bradfitz/gomemcache/memcache"
)

var mc = memcache.New("127.0.0.1:11211")

func handler(r *http.Request, conn net.Conn) {
	mc.Get(r.FormValue("id"))                               // want `request data`
	mc.Get("user:" + r.FormValue("id") + ":profile")        // want `request data`
	mc.Get(fmt.Sprintf("user:%s:%d", r.FormValue("id"), 3)) // want `request data`
	id := r.PathValue("id")
	mc.Set(&memcache.Item{Key: "item:" + id, Value: []byte("v")}) // want `request path parameter`
	it := &memcache.Item{Value: []byte("v")}
	it.Key = id // want `request path parameter`
	mc.Add(it)
	fmt.Fprintf(conn, "get %s\r\n", id) // want `request path parameter`
}

// Unbounded keys are hashed (above), as keylength's fix does; a key short
// enough to stay within 250 bytes once escaped is escaped.
func bounded(r *http.Request, conn net.Conn) {
	id := r.FormValue("id")
	if len(id) > 64 {
		return
	}
	mc.Get("user:" + id)                // want `request data`
	fmt.Fprintf(conn, "get %s\r\n", id) // want `request data`
}

func shadowed(r *http.Request, url string) {
	id := r.FormValue(url)
	if len(id) > 64 {
		return
	}
	// url is a parameter here: no fix can name the package.
	mc.Get(id) // want `request data`
}
