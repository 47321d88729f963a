package clients

import (
	"context"
	"net/http"
	"time"

	"github.com/yeqown/memcached"
)

// Yeqown caches through github.com/yeqown/memcached: the text and meta
// protocols over a connection pool, the key checked only for a length of
// 1 to 65535 bytes.
type Yeqown struct {
	MC memcached.Client
	DB *Backend
}

// Load serves /yeqown/load?id=...
func (a *Yeqown) Load(w http.ResponseWriter, r *http.Request) {
	id := r.FormValue("id")
	it, err := a.MC.Get(r.Context(), "user:"+id)
	if err != nil {
		w.Write(a.DB.Load(id))
		return
	}
	w.Write(it.Value)
}

// LoadMulti serves /yeqown/loadmulti?id=..., through the variadic gets.
func (a *Yeqown) LoadMulti(w http.ResponseWriter, r *http.Request) {
	id := r.FormValue("id")
	items, err := a.MC.Gets(r.Context(), "user:"+id)
	if err != nil || len(items) == 0 {
		w.Write(a.DB.Load(id))
		return
	}
	w.Write(items[0].Value)
}

// LoadMeta serves /yeqown/loadmeta?id=..., through the meta protocol.
func (a *Yeqown) LoadMeta(w http.ResponseWriter, r *http.Request) {
	id := r.FormValue("id")
	it, err := a.MC.MetaGet(r.Context(), []byte("user:"+id), memcached.MetaGetFlagReturnValue())
	if err != nil {
		w.Write(a.DB.Load(id))
		return
	}
	w.Write(it.Value)
}

// Save serves /yeqown/save?id=...&name=...
func (a *Yeqown) Save(w http.ResponseWriter, r *http.Request) {
	id := r.FormValue("id")
	err := a.MC.Set(context.Background(), "user:"+id, []byte(r.FormValue("name")), 0, time.Hour)
	saved(w, err)
}
