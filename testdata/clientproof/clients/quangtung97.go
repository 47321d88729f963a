package clients

import (
	"net/http"

	"github.com/QuangTung97/go-memcache/memcache"
)

// QuangTung caches through github.com/QuangTung97/go-memcache: meta
// commands pipelined on shared connections; the client refuses control
// characters in a key but lets a space through.
type QuangTung struct {
	MC *memcache.Client
	DB *Backend
}

// Load serves /quangtung/load?id=...
func (a *QuangTung) Load(w http.ResponseWriter, r *http.Request) {
	id := r.FormValue("id")
	p := a.MC.Pipeline()
	defer p.Finish()
	resp, err := p.MGet("user:"+id, memcache.MGetOptions{})()
	if err != nil || resp.Type != memcache.MGetResponseTypeVA {
		w.Write(a.DB.Load(id))
		return
	}
	w.Write(resp.Data)
}

// Save serves /quangtung/save?id=...&name=...
func (a *QuangTung) Save(w http.ResponseWriter, r *http.Request) {
	id := r.FormValue("id")
	p := a.MC.Pipeline()
	defer p.Finish()
	_, err := p.MSet("user:"+id, []byte(r.FormValue("name")), memcache.MSetOptions{})()
	saved(w, err)
}

// Forget serves /quangtung/forget?id=...
func (a *QuangTung) Forget(w http.ResponseWriter, r *http.Request) {
	id := r.FormValue("id")
	p := a.MC.Pipeline()
	defer p.Finish()
	_, err := p.MDel("user:"+id, memcache.MDelOptions{})()
	saved(w, err)
}
