package clients

import (
	"net/http"

	"github.com/dropbox/godropbox/memcache"
)

// Godropbox caches through github.com/dropbox/godropbox/memcache's Client
// interface, over its RawAsciiClient (text) or RawBinaryClient (binary):
// both check every key first (at most 250 bytes, none of 0x00-0x20 and
// 0x7f) and answer a refused key with an error response, sending nothing.
type Godropbox struct {
	MC memcache.Client
	DB *Backend
}

// Load serves /godropbox/load?id=...
func (a *Godropbox) Load(w http.ResponseWriter, r *http.Request) {
	id := r.FormValue("id")
	resp := a.MC.Get("user:" + id)
	if resp.Error() != nil || resp.Status() != memcache.StatusNoError {
		w.Write(a.DB.Load(id))
		return
	}
	w.Write(resp.Value())
}

// LoadMulti serves /godropbox/loadmulti?id=..., through the slice call.
func (a *Godropbox) LoadMulti(w http.ResponseWriter, r *http.Request) {
	id := r.FormValue("id")
	for _, resp := range a.MC.GetMulti([]string{"user:" + id}) {
		if resp.Error() == nil && resp.Status() == memcache.StatusNoError {
			w.Write(resp.Value())
			return
		}
	}
	w.Write(a.DB.Load(id))
}

// Save serves /godropbox/save?id=...&name=...
func (a *Godropbox) Save(w http.ResponseWriter, r *http.Request) {
	id := r.FormValue("id")
	resp := a.MC.Set(&memcache.Item{Key: "user:" + id, Value: []byte(r.FormValue("name"))})
	saved(w, resp.Error())
}
