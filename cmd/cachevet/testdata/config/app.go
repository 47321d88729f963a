// Package app looks users up in memcached by a cleaned request parameter.
package app

import (
	"net/http"

	"github.com/bradfitz/gomemcache/memcache"

	"example.com/configfixture/keys"
)

// User serves the cached user named by the "name" parameter.
func User(mc *memcache.Client) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		name := r.FormValue("name")
		it, err := mc.Get("user:" + keys.Clean(name))
		if err != nil {
			http.Error(w, err.Error(), http.StatusNotFound)
			return
		}
		w.Write(it.Value)
	}
}
