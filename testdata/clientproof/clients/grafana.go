package clients

import (
	"net/http"

	"github.com/grafana/gomemcache/memcache"
)

// Grafana caches through github.com/grafana/gomemcache, the bradfitz fork
// whose GetMulti takes a context first: the text protocol, every key
// checked first; a key over 250 bytes or holding a space or a control byte
// fails with ErrMalformedKey and never reaches the server.
type Grafana struct {
	MC *memcache.Client
	DB *Backend
}

// Load serves /grafana/load?id=...
func (a *Grafana) Load(w http.ResponseWriter, r *http.Request) {
	id := r.FormValue("id")
	it, err := a.MC.Get("user:" + id)
	if err != nil {
		w.Write(a.DB.Load(id))
		return
	}
	w.Write(it.Value)
}

// LoadMulti serves /grafana/loadmulti?id=..., through the slice call.
func (a *Grafana) LoadMulti(w http.ResponseWriter, r *http.Request) {
	id := r.FormValue("id")
	items, err := a.MC.GetMulti(r.Context(), []string{"user:" + id})
	for _, it := range items {
		if err == nil {
			w.Write(it.Value)
			return
		}
	}
	w.Write(a.DB.Load(id))
}

// Save serves /grafana/save?id=...&name=...
func (a *Grafana) Save(w http.ResponseWriter, r *http.Request) {
	id := r.FormValue("id")
	err := a.MC.Set(&memcache.Item{Key: "user:" + id, Value: []byte(r.FormValue("name"))})
	saved(w, err)
}
