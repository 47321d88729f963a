package guards

import (
	"errors"
	"net/http"
	"regexp"
	"strings"

	"github.com/bradfitz/gomemcache/memcache"
)

var mc = memcache.New("127.0.0.1:11211")

var keyRE = regexp.MustCompile(`^[a-z0-9:_-]{1,64}$`)

var unanchoredRE = regexp.MustCompile(`[a-z0-9]+`)

var dotRE = regexp.MustCompile(`^.+$`)

var multilineRE = regexp.MustCompile(`(?m)^[a-z]+$`)

func regexps(w http.ResponseWriter, r *http.Request) {
	id := r.FormValue("id")
	if !keyRE.MatchString(id) {
		http.Error(w, "bad id", http.StatusBadRequest)
		return
	}
	mc.Get("user:" + id)
}

func regexpInline(r *http.Request) {
	id := r.FormValue("id")
	if ok, _ := regexp.MatchString(`\A[0-9]+\z`, id); ok {
		mc.Get(id)
	}
	mc.Get(id) // want `request data`
}

func weakRegexps(r *http.Request) {
	id := r.FormValue("id")
	if unanchoredRE.MatchString(id) {
		mc.Get(id) // want `request data`
	}
	if dotRE.MatchString(id) {
		mc.Get(id) // want `request data`
	}
	if multilineRE.MatchString(id) {
		mc.Get(id) // want `request data`
	}
}

func guardNotOnEveryPath(r *http.Request) {
	id := r.FormValue("id")
	if !keyRE.MatchString(id) {
		println("bad id") // logs, but goes on
	}
	mc.Get(id) // want `request data`
}

func constants(r *http.Request) {
	kind := r.FormValue("kind")
	switch kind {
	case "users", "orders":
		mc.Get("list:" + kind)
	}
	if kind == "admins" {
		mc.Get(kind)
	}
	if kind != "x" {
		mc.Get(kind) // want `request data`
	}
}

func contains(r *http.Request) {
	k := r.FormValue("k")
	if strings.ContainsAny(k, " \r\n\t\x00\x01\x02\x03\x04\x05\x06\x07\x08\x0b\x0c\x0e\x0f\x10\x11\x12\x13\x14\x15\x16\x17\x18\x19\x1a\x1b\x1c\x1d\x1e\x1f\x7f") {
		return
	}
	mc.Get(k)

	k2 := r.FormValue("k2")
	if strings.ContainsAny(k2, " \r\n") {
		return
	}
	mc.Get(k2) // want `request data \(r\.FormValue\) reaches the memcache key of \(\*memcache\.Client\)\.Get unescaped: a tab, NUL or other control bytes in it`
}

//cachevet:validator
func validKey(k string) bool {
	for i := 0; i < len(k); i++ {
		if k[i] <= ' ' || k[i] == 0x7f {
			return false
		}
	}
	return len(k) > 0
}

var errBadKey = errors.New("bad key")

//cachevet:validator
func checkKey(k string) error {
	if !validKey(k) {
		return errBadKey
	}
	return nil
}

func declared(r *http.Request) {
	k := r.FormValue("k")
	if validKey(k) {
		mc.Get(k)
	}
	if err := checkKey(k); err != nil {
		return
	}
	mc.Delete(k)
}

// A wrapper that validates its parameter is safe to call with anything.
func SafeGet(k string) {
	if !keyRE.MatchString(k) {
		return
	}
	mc.Get(k)
}

func callsSafeGet(r *http.Request) {
	SafeGet(r.FormValue("k"))
}
