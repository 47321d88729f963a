package web

import (
	"fmt"
	"net/http"
	"strconv"

	"github.com/bradfitz/gomemcache/memcache"
)

// Cart caches a cart by the user and cart form values. This file does not
// import crypto/sha256, so -fix must add the import once for all fixes.
func Cart(w http.ResponseWriter, r *http.Request) {
	user, cart := r.FormValue("user"), r.FormValue("cart")
	mc.Get(fmt.Sprintf("cart:%s:%s", user, cart))                          // want keyinjection: r.FormValue // want keylength: unbounded
	mc.Set(&memcache.Item{Key: "cart-owner:" + cart, Value: []byte(user)}) // want keyinjection: r.FormValue // want keylength: unbounded
}

// CartCount caches a count under a key with a space in its constant part:
// no request data is involved, but gomemcache refuses the key. There is
// no automatic fix for it.
func CartCount(w http.ResponseWriter, r *http.Request) {
	n, err := strconv.Atoi(r.FormValue("n"))
	if err != nil {
		return
	}
	mc.Get("cart count:" + strconv.Itoa(n)) // want keyinjection: a space // ok keylength: at most 11+20 bytes
	mc.Get("cart-count:" + strconv.Itoa(n)) // ok keyinjection: no space, a formatted int // ok keylength: at most 11+20 bytes
}
