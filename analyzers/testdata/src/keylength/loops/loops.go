// Package loops checks the length of keys built by loops, sub-slices and
// ranges over a request's values, and their bounded look-alikes.
package loops

import (
	"net/http"
	"net/url"
	"strings"

	"github.com/bradfitz/gomemcache/memcache"
)

var mc = memcache.New("127.0.0.1:11211")

func appendLoops(r *http.Request) {
	var key []byte
	for _, part := range r.Form["part"] {
		key = append(key, part...)
	}
	mc.Get(string(key)) // want `may be unbounded bytes \(request data \(r\.Form\), a value grown in a loop over request data \(r\.Form\)\), over memcached's 250-byte limit`

	parts := []string{"user"}
	for _, p := range strings.Split(r.URL.Path, "/") {
		parts = append(parts, p)
	}
	mc.Get(strings.Join(parts, ":")) // want `may be unbounded bytes \(strings\.Join of a slice\)`

	k := "user"
	for _, v := range r.Form["v"] {
		k += ":" + v
	}
	mc.Get(k) // want `may be 5 \+ unbounded bytes \(request data \(r\.Form\), a value grown in a loop over request data \(r\.Form\)\)`

	var b []byte
	for i := 0; i < len(r.FormValue("n")); i++ {
		b = append(b, 'x')
	}
	mc.Get(string(b)) // want `may be 1 \+ unbounded bytes \(a value grown in a loop over request data \(r\.FormValue\)\)`
}

// Loops over constants or a constant count are bounded.
func boundedLoops(id int) {
	var key []byte
	for _, part := range []string{"a", "bb", "ccc"} {
		key = append(key, part...)
	}
	mc.Get(string(key))

	k := "user"
	for i := 0; i < 3; i++ {
		k += ":x"
	}
	mc.Get(k)

	// A constant count bounds the key, which may still be too long.
	long := "user"
	for i := 0; i < 100; i++ {
		long += ":xx"
	}
	mc.Get(long) // want `is up to 304 bytes`
}

func subSlices(r *http.Request) {
	q := r.FormValue("q")
	mc.Get(q[:200]) // bounded by 200
	mc.Get(q[10:])  // want `may be unbounded bytes \(request data \(r\.FormValue\)\)`
	n := len(q)
	if n > 200 {
		n = 200
	}
	mc.Get(q[:n]) // bounded by the guarded n
	m := len(q)
	if m > 300 {
		m = 300
	}
	mc.Get(q[:m])        // want `is up to 300 bytes`
	mc.Get(q[:len(q)/2]) // want `may be unbounded bytes \(request data \(r\.FormValue\)\)`
	i := strings.IndexByte(q, ':')
	if i >= 0 && i < 100 {
		mc.Get(q[:i]) // bounded by the guard on i
	}
	buf := make([]byte, 64)
	copy(buf, q)
	mc.Get(string(buf[:])) // 64 bytes
}

func ranges(r *http.Request) {
	for k, vs := range r.URL.Query() {
		mc.Get("q:" + k + "=" + vs[0]) // want `may be 3 \+ unbounded bytes \(the request URL \(r\.URL\)\)`
	}
	key := "q"
	for k, vs := range r.Form {
		key += "&" + k + "=" + strings.Join(vs, ",")
	}
	mc.Get(key) // want `may be 3 \+ unbounded bytes \(request data \(r\.Form\), strings\.Join of a slice, a value grown in a loop over request data \(r\.Form\)\)`
	for _, v := range r.URL.Query()["id"] {
		mc.Get(v) // want `may be unbounded bytes \(the request URL \(r\.URL\)\)`
	}
}

// joinValues grows its result over its parameter: its caller's argument
// decides the length.
func joinValues(vals url.Values) string {
	s := ""
	for k, vs := range vals {
		s += "&" + k + "=" + vs[0]
	}
	return s
}

func wrapped(r *http.Request) {
	mc.Get("q:" + joinValues(r.URL.Query())) // want `may be 4 \+ unbounded bytes \(the request URL \(r\.URL\)\)`
	mc.Get("q:" + joinValues(url.Values{"a": {"b"}}))
}
