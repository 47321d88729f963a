package clients

import (
	"net/http"

	"github.com/couchbase/gomemcached"
	"github.com/couchbase/gomemcached/client"
)

// Couchbase caches through github.com/couchbase/gomemcached/client: the
// binary protocol on one connection, a vbucket before every key, the key
// sent as it is behind a 16-bit key length.
type Couchbase struct {
	MC *memcached.Client
	DB *Backend
}

// Load serves /couchbase/load?id=...
func (a *Couchbase) Load(w http.ResponseWriter, r *http.Request) {
	id := r.FormValue("id")
	res, err := a.MC.Get(0, "user:"+id)
	if err != nil {
		w.Write(a.DB.Load(id))
		return
	}
	w.Write(res.Body)
}

// LoadMulti serves /couchbase/loadmulti?id=..., through the slice call.
func (a *Couchbase) LoadMulti(w http.ResponseWriter, r *http.Request) {
	id := r.FormValue("id")
	found := map[string]*gomemcached.MCResponse{}
	err := a.MC.GetBulk(0, []string{"user:" + id}, found, nil)
	for _, res := range found {
		if err == nil {
			w.Write(res.Body)
			return
		}
	}
	w.Write(a.DB.Load(id))
}

// Save serves /couchbase/save?id=...&name=...
func (a *Couchbase) Save(w http.ResponseWriter, r *http.Request) {
	id := r.FormValue("id")
	_, err := a.MC.Set(0, "user:"+id, 0, 0, []byte(r.FormValue("name")))
	saved(w, err)
}
