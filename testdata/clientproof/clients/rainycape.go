package clients

import (
	"net/http"

	"github.com/rainycape/memcache"
)

// Rainycape caches through github.com/rainycape/memcache: the binary
// protocol, the key sent as it is (the client checks it only to name the
// server's error) behind a 16-bit key length.
type Rainycape struct {
	MC *memcache.Client
	DB *Backend
}

// Load serves /rainycape/load?id=...
func (a *Rainycape) Load(w http.ResponseWriter, r *http.Request) {
	id := r.FormValue("id")
	it, err := a.MC.Get("user:" + id)
	if err != nil {
		w.Write(a.DB.Load(id))
		return
	}
	w.Write(it.Value)
}

// LoadMulti serves /rainycape/loadmulti?id=..., through the slice call.
func (a *Rainycape) LoadMulti(w http.ResponseWriter, r *http.Request) {
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

// Save serves /rainycape/save?id=...&name=...
func (a *Rainycape) Save(w http.ResponseWriter, r *http.Request) {
	id := r.FormValue("id")
	err := a.MC.Set(&memcache.Item{Key: "user:" + id, Value: []byte(r.FormValue("name"))})
	saved(w, err)
}
