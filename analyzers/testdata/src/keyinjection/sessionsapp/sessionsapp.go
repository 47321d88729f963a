// Package sessionsapp wires the memcache provider by a blank import: the
// flow is reported once, in sessionsmc, not again here.
package sessionsapp

import (
	"net/http"

	"keyinjection/sessions"
	_ "keyinjection/sessionsmc"
)

var manager = sessions.NewManager("memcache")

func handler(w http.ResponseWriter, r *http.Request) {
	manager.SessionStart(r)
}
