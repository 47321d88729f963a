package clients

import (
	"net/http"

	"github.com/kklis/gomemcache"
)

// Kklis caches through github.com/kklis/gomemcache: the text protocol on
// one connection, the key written into the command line as it is.
type Kklis struct {
	MC *gomemcache.Memcache
	DB *Backend
}

// Load serves /kklis/load?id=...
func (a *Kklis) Load(w http.ResponseWriter, r *http.Request) {
	id := r.FormValue("id")
	v, _, err := a.MC.Get("user:" + id)
	if err != nil {
		v = a.DB.Load(id)
	}
	w.Write(v)
}

// LoadMulti serves /kklis/loadmulti?id=..., through the multi-key call.
func (a *Kklis) LoadMulti(w http.ResponseWriter, r *http.Request) {
	id := r.FormValue("id")
	items, err := a.MC.GetMulti("user:" + id)
	for _, it := range items {
		if err == nil {
			w.Write(it.Value)
			return
		}
	}
	w.Write(a.DB.Load(id))
}

// Save serves /kklis/save?id=...&name=...
func (a *Kklis) Save(w http.ResponseWriter, r *http.Request) {
	id := r.FormValue("id")
	err := a.MC.Set("user:"+id, []byte(r.FormValue("name")), 0, 0)
	saved(w, err)
}
