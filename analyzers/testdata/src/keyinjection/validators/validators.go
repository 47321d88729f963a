// Package validators calls the validators of keyinjection/keys, which
// carry no annotation: what they prove comes from their bodies, as facts.
package validators

import (
	"net/http"

	"github.com/bradfitz/gomemcache/memcache"

	"keyinjection/keys"
)

var mc = memcache.New("127.0.0.1:11211")

func inferred(w http.ResponseWriter, r *http.Request) {
	k := r.FormValue("k")
	if !keys.Valid(k) {
		http.Error(w, "bad key", http.StatusBadRequest)
		return
	}
	mc.Get("user:" + k)
}

func wrappers(r *http.Request) {
	a := r.FormValue("a")
	if err := keys.Check(a); err != nil {
		return
	}
	mc.Get(a)

	b := r.FormValue("b")
	if keys.CheckField("b", b) != nil {
		return
	}
	mc.Get(b)
}

func lookAlikes(r *http.Request) {
	k := r.FormValue("k")
	if keys.NoSpaces(k) {
		mc.Get(k) // want `request data \(r\.FormValue\) reaches the memcache key of \(\*memcache\.Client\)\.Get unescaped: CR/LF, a tab, NUL or other control bytes in it`
	}
	if keys.Printable(k) == nil {
		mc.Get(k) // want `unescaped: a tab, NUL or other control bytes in it`
	}
}

func patterns(r *http.Request) {
	k := r.FormValue("k")
	if keys.KeyRE.MatchString(k) {
		mc.Get(k)
	}
	if keys.WordRE.MatchString(k) {
		mc.Get(k)
	}
	if keys.NonSpaceRE.MatchString(k) {
		mc.Get(k) // want `unescaped: NUL or other control bytes in it`
	}
	if keys.PrefixRE.MatchString(k) {
		mc.Get(k) // want `unescaped: a space, CR/LF or other control byte in it`
	}
}

func sanitized(r *http.Request) {
	mc.Get(keys.Key(r.FormValue("k")))
}

// The validator must dominate the key: a logged failure goes on.
func notOnEveryPath(r *http.Request) {
	k := r.FormValue("k")
	if !keys.Valid(k) {
		println("bad key")
	}
	mc.Get(k) // want `request data`
}
