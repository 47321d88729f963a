// Package web serves cached lookups straight from gomemcache.
//
// A line marked "want ANALYZER: text" must carry a finding of that analyzer
// whose message contains text ("want-below" on a line of its own means the
// next line); a line marked "ok ANALYZER: why" must carry none of it. No
// finding may appear on a line without a matching "want" marker.
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
	it, err := mc.Get("product:" + id) // want keyinjection: r.FormValue // want keylength: unbounded
	if err != nil {
		http.Error(w, err.Error(), http.StatusNotFound)
		return
	}
	w.Write(it.Value)
}

// ProductEscaped is Product with the id escaped and its length checked.
func ProductEscaped(w http.ResponseWriter, r *http.Request) {
	id := r.FormValue("id")
	if len(id) > 64 {
		http.Error(w, "id too long", http.StatusBadRequest)
		return
	}
	it, err := mc.Get("product:" + url.QueryEscape(id)) // ok keyinjection: url.QueryEscape // ok keylength: at most 8+3*64 bytes
	if err != nil {
		return
	}
	w.Write(it.Value)
}

// Search caches search results by the q query parameter.
func Search(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query().Get("q")
	mc.Set(&memcache.Item{
		Key:   "search:" + q, // want keyinjection: r.URL // want keylength: unbounded
		Value: []byte("results"),
	})
}

// Page caches a page by its number, parsed and formatted again.
func Page(w http.ResponseWriter, r *http.Request) {
	n, err := strconv.Atoi(r.URL.Query().Get("page"))
	if err != nil {
		return
	}
	mc.Delete("page:" + strconv.Itoa(n)) // ok keyinjection: strconv.Itoa of a parsed int // ok keylength: at most 5+20 bytes
}

// User caches a user by the {name} path value.
func User(w http.ResponseWriter, r *http.Request) {
	name := r.PathValue("name")
	mc.Touch("user:"+name, 60) // want keyinjection: PathValue // want keylength: unbounded
}

// UserChecked is User behind an anchored regexp guard.
func UserChecked(w http.ResponseWriter, r *http.Request) {
	name := r.PathValue("name")
	if !validKey.MatchString(name) {
		http.Error(w, "bad name", http.StatusBadRequest)
		return
	}
	mc.Touch("user:"+name, 60) // ok keyinjection: anchored regexp guard with early return // ok keylength: the guard allows 64 bytes
}

// Avatar caches an avatar by the hex of the sha256 of the email.
func Avatar(w http.ResponseWriter, r *http.Request) {
	sum := sha256.Sum256([]byte(r.FormValue("email")))
	mc.Get("avatar:" + hex.EncodeToString(sum[:])) // ok keyinjection: hex of sha256 // ok keylength: 7+64 bytes
}

// Counter counts hits per referrer; the router only admits known referrers.
func Counter(w http.ResponseWriter, r *http.Request) {
	ref := r.FormValue("ref")
	//cachevet:ignore keyinjection,keylength the router admits only referrers from the allow list
	mc.Increment("hits:"+ref, 1) // ok keyinjection: suppressed with a reason // ok keylength: suppressed with a reason
}

// Legacy is suppressed without a reason: the directive itself is reported.
// It names keyinjection only, so keylength still reports the call.
func Legacy(w http.ResponseWriter, r *http.Request) {
	ref := r.FormValue("ref")
	// want-below keyinjection: needs a reason
	//cachevet:ignore keyinjection
	mc.Decrement("hits:"+ref, 1) // ok keyinjection: suppressed (the directive is reported instead) // want keylength: unbounded
}
