package app

import (
	"net/http"

	"github.com/bradfitz/gomemcache/memcache"

	"keyinjection/store"
)

var st = store.New()

func handler(w http.ResponseWriter, r *http.Request) {
	id := r.FormValue("id")
	st.Get(id)                          // want `request data \(r\.FormValue\) reaches the memcache key of \(\*memcache\.Client\)\.Get through \(\*store\.Store\)\.Get unescaped`
	st.Put("user:"+id, nil)             // want `through \(\*store\.Store\)\.Put`
	st.PutItem(&memcache.Item{Key: id}) // want `reaches the Key of the Item passed to \(\*memcache\.Client\)\.Set through \(\*store\.Store\)\.PutItem`
	st.GetAll([]string{id})             // want `through \(\*store\.Store\)\.GetAll`
	st.Lookup("user", id)               // want `through \(\*store\.Store\)\.Lookup and \(\*store\.Store\)\.Get`
	st.Get(store.Normalize(id))         // want `request data \(r\.FormValue\) reaches the memcache key of \(\*memcache\.Client\)\.Get through \(\*store\.Store\)\.Get unescaped: CR/LF, a tab, NUL or other control bytes in it`
	st.Get(store.Query(r, "q"))         // want `request data \(r\.FormValue\) returned by store\.Query reaches`

	// Negatives: sanitized by declaration, by construction, constants.
	st.Get(store.Key(id))
	st.Get(store.Hashed(id))
	st.Get("fixed")
	st.PutItem(&memcache.Item{Key: "fixed", Value: []byte(id)})
}
