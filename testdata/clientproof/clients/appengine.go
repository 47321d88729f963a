package clients

import (
	"net/http"

	"google.golang.org/appengine/memcache"
)

// AppEngine caches through google.golang.org/appengine/memcache: package
// functions that take the request's context first and send the key, as it
// is and of any length, in an RPC to App Engine's memcache service, whose
// documentation limits keys to 250 bytes.
type AppEngine struct{ DB *Backend }

// Load serves /appengine/load?id=...
func (a *AppEngine) Load(w http.ResponseWriter, r *http.Request) {
	id := r.FormValue("id")
	it, err := memcache.Get(r.Context(), "user:"+id)
	if err != nil {
		w.Write(a.DB.Load(id))
		return
	}
	w.Write(it.Value)
}

// LoadMulti serves /appengine/loadmulti?id=..., through the slice call.
func (a *AppEngine) LoadMulti(w http.ResponseWriter, r *http.Request) {
	id := r.FormValue("id")
	items, err := memcache.GetMulti(r.Context(), []string{"user:" + id})
	for _, it := range items {
		if err == nil {
			w.Write(it.Value)
			return
		}
	}
	w.Write(a.DB.Load(id))
}

// Save serves /appengine/save?id=...&name=...
func (a *AppEngine) Save(w http.ResponseWriter, r *http.Request) {
	id := r.FormValue("id")
	err := memcache.Set(r.Context(), &memcache.Item{Key: "user:" + id, Value: []byte(r.FormValue("name"))})
	saved(w, err)
}
