package clients

import (
	"net/http"

	"github.com/grobie/gomemcache/memcache"
)

// Grobie caches through github.com/grobie/gomemcache, the bradfitz fork
// memcached_exporter uses: the text protocol, every key checked first
// (bytes above 0x7e are refused too); a refused key fails with
// ErrMalformedKey and never reaches the server.
type Grobie struct {
	MC *memcache.Client
	DB *Backend
}

// Load serves /grobie/load?id=...
func (a *Grobie) Load(w http.ResponseWriter, r *http.Request) {
	id := r.FormValue("id")
	it, err := a.MC.Get("user:" + id)
	if err != nil {
		w.Write(a.DB.Load(id))
		return
	}
	w.Write(it.Value)
}

// LoadMulti serves /grobie/loadmulti?id=..., through the slice call.
func (a *Grobie) LoadMulti(w http.ResponseWriter, r *http.Request) {
	id := r.FormValue("id")
	items, err := a.MC.GetMulti([]string{"user:" + id})
	for _, it := range items {
		if err == nil {
			w.Write(it.Value)
			return
		}
	}
	w.Write(a.DB.Load(id))
}

// Save serves /grobie/save?id=...&name=...
func (a *Grobie) Save(w http.ResponseWriter, r *http.Request) {
	id := r.FormValue("id")
	err := a.MC.Set(&memcache.Item{Key: "user:" + id, Value: []byte(r.FormValue("name"))})
	saved(w, err)
}
