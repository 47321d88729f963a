// Package web serves cached lookups straight from gomemcache.
//
// Lines marked "// want:" must carry a keyinjection finding whose message
// contains the text after the marker; lines marked "// ok:" must carry none.
package web

import (
	"crypto/sha256"
	"encoding/hex"
	"net/http"
	"net/url"
	"regexp"
	"strconv"

	"github.com/bradfitz/gomemcache/memcache"
)

var mc = memcache.New("127.0.0.1:11211")

var validKey = regexp.MustCompile(`^[a-z0-9:]{1,64}$`)

// Product caches a product by the id form value.
func Product(w http.ResponseWriter, r *http.Request) {
	id := r.FormValue("id")
	it, err := mc.Get("product:" + id) // want: r.FormValue
	if err != nil {
		http.Error(w, err.Error(), http.StatusNotFound)
		return
	}
	w.Write(it.Value)
}

// ProductEscaped is Product with the id escaped.
func ProductEscaped(w http.ResponseWriter, r *http.Request) {
	id := r.FormValue("id")
	it, err := mc.Get("product:" + url.QueryEscape(id)) // ok: url.QueryEscape
	if err != nil {
		return
	}
	w.Write(it.Value)
}

// Search caches search results by the q query parameter.
func Search(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query().Get("q")
	mc.Set(&memcache.Item{
		Key:   "search:" + q, // want: r.URL
		Value: []byte("results"),
	})
}

// Page caches a page by its number, parsed and formatted again.
func Page(w http.ResponseWriter, r *http.Request) {
	n, err := strconv.Atoi(r.URL.Query().Get("page"))
	if err != nil {
		return
	}
	mc.Delete("page:" + strconv.Itoa(n)) // ok: strconv.Itoa of a parsed int
}

// User caches a user by the {name} path value.
func User(w http.ResponseWriter, r *http.Request) {
	name := r.PathValue("name")
	mc.Touch("user:"+name, 60) // want: PathValue
}

// UserChecked is User behind an anchored regexp guard.
func UserChecked(w http.ResponseWriter, r *http.Request) {
	name := r.PathValue("name")
	if !validKey.MatchString(name) {
		http.Error(w, "bad name", http.StatusBadRequest)
		return
	}
	mc.Touch("user:"+name, 60) // ok: anchored regexp guard with early return
}

// Avatar caches an avatar by the hex of the sha256 of the email.
func Avatar(w http.ResponseWriter, r *http.Request) {
	sum := sha256.Sum256([]byte(r.FormValue("email")))
	mc.Get("avatar:" + hex.EncodeToString(sum[:])) // ok: hex of sha256
}

// Counter counts hits per referrer; the router only admits known referrers.
func Counter(w http.ResponseWriter, r *http.Request) {
	ref := r.FormValue("ref")
	//cachevet:ignore keyinjection the router admits only referrers from the allow list
	mc.Increment("hits:"+ref, 1) // ok: suppressed with a reason
}

// Legacy is suppressed without a reason: the directive itself is reported.
func Legacy(w http.ResponseWriter, r *http.Request) {
	ref := r.FormValue("ref")
	// want-below: needs a reason
	//cachevet:ignore keyinjection
	mc.Decrement("hits:"+ref, 1) // ok: suppressed (the directive is reported instead)
}
