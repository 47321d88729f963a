package clients

import (
	"net/http"
	"strings"
	"testing"

	bradfitz "github.com/bradfitz/gomemcache/memcache"
	grafana "github.com/grafana/gomemcache/memcache"
	grobie "github.com/grobie/gomemcache/memcache"
)

// The validating clients refuse a bad key before sending it: no
// injection, but the sender of the id picks which requests bypass the
// cache and reach the database, every time.

// wantBypass saves and loads the hostile id: harm is a name never
// cached, the load answered by the database, and no user key ever
// reaching the server.
func wantBypass(t *testing.T, s *server, db *Backend, save, load http.HandlerFunc, id string) {
	t.Helper()
	cached := wantCached(t, db, save, load, id)
	sent := s.saw(t, func(l string) bool { return strings.Contains(l, "user:") })
	check(t, !cached && !sent, "the client refused the key, nothing reached the server and the load went to the database")
	if expectFixed && !cached {
		t.Errorf("fixed code: the saved name was not read back from the cache")
	}
}

// bypassIDs are a space, a CR/LF and a length over 250 bytes.
var bypassIDs = map[string]string{"space": "1 x", "crlf": flushID, "long": longID}

// forEachBypass runs wantBypass for every hostile id against every server,
// on a fresh application from newApp each time.
func forEachBypass(t *testing.T, newApp func(t *testing.T, s *server) (db *Backend, save, load http.HandlerFunc)) {
	forEachServer(t, func(t *testing.T, s *server) {
		for name, id := range bypassIDs {
			t.Run(name, func(t *testing.T) {
				db, save, load := newApp(t, s)
				wantBypass(t, s, db, save, load, id)
			})
		}
		db, save, load := newApp(t, s)
		wantOrdinary(t, db, save, load)
	})
}

func TestBradfitzLoadBypass(t *testing.T) {
	forEachBypass(t, func(t *testing.T, s *server) (*Backend, http.HandlerFunc, http.HandlerFunc) {
		a := &Bradfitz{MC: bradfitz.New(s.addr), DB: &Backend{}}
		return a.DB, a.Save, a.Load
	})
}

func TestBradfitzLoadMultiBypass(t *testing.T) {
	forEachBypass(t, func(t *testing.T, s *server) (*Backend, http.HandlerFunc, http.HandlerFunc) {
		a := &Bradfitz{MC: bradfitz.New(s.addr), DB: &Backend{}}
		return a.DB, a.Save, a.LoadMulti
	})
}

func TestGrafanaLoadBypass(t *testing.T) {
	forEachBypass(t, func(t *testing.T, s *server) (*Backend, http.HandlerFunc, http.HandlerFunc) {
		a := &Grafana{MC: grafana.New(s.addr), DB: &Backend{}}
		t.Cleanup(a.MC.Close)
		return a.DB, a.Save, a.Load
	})
}

func TestGrafanaLoadMultiBypass(t *testing.T) {
	forEachBypass(t, func(t *testing.T, s *server) (*Backend, http.HandlerFunc, http.HandlerFunc) {
		a := &Grafana{MC: grafana.New(s.addr), DB: &Backend{}}
		t.Cleanup(a.MC.Close)
		return a.DB, a.Save, a.LoadMulti
	})
}

func newGrobie(t *testing.T, s *server) *Grobie {
	t.Helper()
	mc, err := grobie.New(s.addr)
	if err != nil {
		t.Fatal(err)
	}
	return &Grobie{MC: mc, DB: &Backend{}}
}

func TestGrobieLoadBypass(t *testing.T) {
	forEachBypass(t, func(t *testing.T, s *server) (*Backend, http.HandlerFunc, http.HandlerFunc) {
		a := newGrobie(t, s)
		return a.DB, a.Save, a.Load
	})
}

func TestGrobieLoadMultiBypass(t *testing.T) {
	forEachBypass(t, func(t *testing.T, s *server) (*Backend, http.HandlerFunc, http.HandlerFunc) {
		a := newGrobie(t, s)
		return a.DB, a.Save, a.LoadMulti
	})
}
