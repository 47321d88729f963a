package clients

import (
	"net/http"

	"github.com/bradfitz/gomemcache/memcache"
)

// Bradfitz caches through github.com/bradfitz/gomemcache: the text
// protocol, every key checked first; a key over 250 bytes or holding a
// space or a control byte fails with ErrMalformedKey and never reaches the
// server.
type Bradfitz struct {
	MC *memcache.Client
	DB *Backend
}

// Load serves /bradfitz/load?id=...
func (a *Bradfitz) Load(w http.ResponseWriter, r *http.Request) {
	id := r.FormValue("id")
	it, err := a.MC.Get("user:" + id)
	if err != nil {
		w.Write(a.DB.Load(id))
		return
	}
	w.Write(it.Value)
}

// LoadMulti serves /bradfitz/loadmulti?id=..., through the slice call.
func (a *Bradfitz) LoadMulti(w http.ResponseWriter, r *http.Request) {
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

// Save serves /bradfitz/save?id=...&name=...
func (a *Bradfitz) Save(w http.ResponseWriter, r *http.Request) {
	id := r.FormValue("id")
	err := a.MC.Set(&memcache.Item{Key: "user:" + id, Value: []byte(r.FormValue("name"))})
	saved(w, err)
}
