package clients

import (
	"net/http"

	"github.com/memcachier/mc/v3"
)

// Memcachier caches through github.com/memcachier/mc/v3: the binary
// protocol, the key sent as it is, and both the key length and the body
// length computed from the key's length cut to 16 bits.
type Memcachier struct {
	MC *mc.Client
	DB *Backend
}

// Load serves /memcachier/load?id=...
func (a *Memcachier) Load(w http.ResponseWriter, r *http.Request) {
	id := r.FormValue("id")
	v, _, _, err := a.MC.Get("user:" + id)
	if err != nil {
		w.Write(a.DB.Load(id))
		return
	}
	w.Write([]byte(v))
}

// Save serves /memcachier/save?id=...&name=...
func (a *Memcachier) Save(w http.ResponseWriter, r *http.Request) {
	id := r.FormValue("id")
	_, err := a.MC.Set("user:"+id, r.FormValue("name"), 0, 0, 0)
	saved(w, err)
}
