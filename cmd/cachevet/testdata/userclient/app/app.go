// Package app caches users through kv.
package app

import (
	"encoding/json"
	"net/http"

	"example.com/userclient/kv"
)

type User struct {
	Name     string
	Password string
}

var store = kv.Dial("203.0.113.5:11211")

// Lookup serves the user named by the "name" parameter.
func Lookup(w http.ResponseWriter, r *http.Request) {
	v, _ := store.Fetch(r.Context(), "user:"+r.FormValue("name"))
	w.Write(v)
}

// Save caches a user.
func Save(r *http.Request, u User) {
	b, _ := json.Marshal(u)
	store.Put(r.Context(), "user:1", b)
}
