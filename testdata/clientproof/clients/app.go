// Package clients is a small web application that caches user names
// through every Go memcache client cachevet describes, one file per
// client. Each handler takes the id from the request, builds the key
// "user:"+id and calls one key-taking function of the client once: the
// call cachevet reports. The harm tests (harm_test.go and the per-client
// test files) attack each handler with a hostile id against the
// reference server and real memcached and show, from the server side,
// what that client does with it; cmd/cachevet/clientproof_test.go runs
// cachevet -fix on a copy and runs the same tests again, which must then
// find no harm.
//
// Every handler has the same shape: Save stores the request's name under
// the user's key, Load answers from the cache and falls back to the
// database (Backend) when the cache has nothing or fails.
package clients

import (
	"net/http"
	"sync/atomic"
)

// Backend is the slow database the cache is there to spare; it counts
// the loads that reached it.
type Backend struct{ hits atomic.Int64 }

// Hits returns how many loads reached the database.
func (b *Backend) Hits() int64 { return b.hits.Load() }

// Load fetches the name of user id from the database.
func (b *Backend) Load(id string) []byte {
	b.hits.Add(1)
	return []byte("db:" + id)
}

// saved answers a Save: what the cache said about the store.
func saved(w http.ResponseWriter, err error) {
	if err != nil {
		http.Error(w, "not cached: "+err.Error(), http.StatusBadGateway)
		return
	}
	w.Write([]byte("saved"))
}
