// Package validated checks that what a validator proves of a key's
// length bounds the key: declared or inferred, here or in another
// package, as keyinjection takes what it proves of the key's bytes.
package validated

import (
	"net/http"
	"net/url"
	"regexp"

	"github.com/bradfitz/gomemcache/memcache"

	"keyinjection/keys"
)

var mc = memcache.New("127.0.0.1:11211")

var slugRE = regexp.MustCompile(`^[a-z0-9-]+$`)

// validSlug is declared a validator; its length check bounds the key.
//
//cachevet:validator
func validSlug(s string) bool {
	return len(s) <= 100 && slugRE.MatchString(s)
}

// validName says nothing of length.
//
//cachevet:validator
func validName(s string) bool {
	return slugRE.MatchString(s)
}

func declared(r *http.Request) {
	s := r.FormValue("s")
	if validSlug(s) {
		mc.Get("slug:" + url.QueryEscape(s)) // want `is up to 305 bytes`
		mc.Get("slug:" + s)
	}
	if validName(s) {
		mc.Get("name:" + s) // want `may be 5 \+ unbounded bytes \(request data \(r\.FormValue\)\)`
	}
}

func inferred(r *http.Request) {
	k := r.FormValue("k")
	if keys.Valid(k) {
		mc.Get("a:" + k + ":" + k + ":" + k) // 2 + 3*64 + 2
	}
	if keys.CheckField("k", k) == nil {
		mc.Get("b:" + k)
	}
	mc.Get("d:" + keys.Key(k) + keys.Key(k) + keys.Key(k))
	if keys.NoSpaces(k) {
		mc.Get("c:" + k) // want `may be 2 \+ unbounded bytes`
	}
}

var tiers = map[string]bool{"free": true, "pro": true}

// Allow lists and switches over constants bound the key as a whole.
func membership(r *http.Request) {
	t := r.FormValue("tier")
	switch t {
	case "gold", "silver":
		mc.Get("tier:" + url.QueryEscape(t) + url.QueryEscape(t))
	}
	if tiers[t] {
		mc.Get("plan:" + t)
	}
	mc.Get("any:" + t) // want `may be 4 \+ unbounded bytes`
}
