// Package api calls the store wrappers and the hand-written client with
// request data: the findings are reported here, at the calls.
package api

import (
	"io"
	"net/http"
	"net/url"
	"strconv"

	"example.com/fixture/rawproto"
	"example.com/fixture/store"
	"github.com/bradfitz/gomemcache/memcache"
)

// API serves profiles and sessions.
type API struct {
	Store *store.Store
	MC    *memcache.Client
	Conn  *rawproto.Client
}

// Profile serves the profile of the user query parameter.
func (a *API) Profile(w http.ResponseWriter, r *http.Request) {
	p, err := a.Store.Profile(r.URL.Query().Get("user")) // want keyinjection: r.URL // want keylength: unbounded
	if err != nil {
		return
	}
	w.Write(p)
}

// ProfileEscaped serves the profile of the escaped user query parameter.
func (a *API) ProfileEscaped(w http.ResponseWriter, r *http.Request) {
	p, err := a.Store.Profile(url.QueryEscape(r.URL.Query().Get("user"))) // ok keyinjection: url.QueryEscape // want keylength: unbounded
	if err != nil {
		return
	}
	w.Write(p)
}

// SaveProfile caches the posted profile under the {user} path value.
func (a *API) SaveProfile(w http.ResponseWriter, r *http.Request) {
	body, _ := io.ReadAll(r.Body)
	store.SaveProfile(a.MC, r.PathValue("user"), body) // want keyinjection: PathValue // want keylength: unbounded
}

// SaveProfileByID caches the posted profile under a numeric id.
func (a *API) SaveProfileByID(w http.ResponseWriter, r *http.Request) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil {
		return
	}
	body, _ := io.ReadAll(r.Body)
	store.SaveProfile(a.MC, strconv.FormatInt(id, 10), body) // ok keyinjection: parsed int // ok keylength: at most 20 bytes
}

// Session serves a session; store.Session escapes the id.
func (a *API) Session(w http.ResponseWriter, r *http.Request) {
	s, err := store.Session(a.MC, r.FormValue("sid")) // ok keyinjection: the wrapper escapes // ok keylength: the wrapper checks the length
	if err != nil {
		return
	}
	w.Write(s)
}

// Raw looks a key up with the hand-written client.
func (a *API) Raw(w http.ResponseWriter, r *http.Request) {
	line, _ := a.Conn.Get(r.FormValue("key")) // want keyinjection: r.FormValue // want keylength: unbounded
	io.WriteString(w, line)
}

// RawEscaped looks an escaped key up with the hand-written client.
func (a *API) RawEscaped(w http.ResponseWriter, r *http.Request) {
	line, _ := a.Conn.Get(url.QueryEscape(r.FormValue("key"))) // ok keyinjection: url.QueryEscape // want keylength: unbounded
	io.WriteString(w, line)
}
