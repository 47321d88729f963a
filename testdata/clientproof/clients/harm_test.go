package clients

import (
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"strconv"
	"strings"
	"testing"
)

// Each test attacks one handler the way a remote client would, through an
// HTTP request carrying a hostile id, and checks the damage on the server
// side. CLIENTPROOF_EXPECT=harm (the default) expects the damage the
// client lets through; CLIENTPROOF_EXPECT=fixed, for the copy cachevet -fix
// rewrote, expects none, and ordinary ids must still be cached.
var expectFixed = os.Getenv("CLIENTPROOF_EXPECT") == "fixed"

func init() {
	switch e := os.Getenv("CLIENTPROOF_EXPECT"); e {
	case "", "harm", "fixed":
	default:
		panic("CLIENTPROOF_EXPECT must be harm or fixed, not " + strconv.Quote(e))
	}
}

// request runs one POST request with the form values kv (name, value,
// ...) through handler and returns the response body.
func request(t *testing.T, handler http.HandlerFunc, kv ...string) string {
	t.Helper()
	body := serve(handler, kv...)
	t.Logf("app: %s -> %s", shorten(strconv.Quote(strings.Join(kv, " "))), shorten(strconv.Quote(body)))
	return body
}

// serve is request without the log, for goroutines that may outlive the
// test.
func serve(handler http.HandlerFunc, kv ...string) string {
	form := url.Values{}
	for i := 0; i+1 < len(kv); i += 2 {
		form.Set(kv[i], kv[i+1])
	}
	req := httptest.NewRequest("POST", "/", strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	rec := httptest.NewRecorder()
	handler(rec, req)
	return rec.Body.String()
}

// check fails unless harmed is what this run expects: harm for the
// vulnerable code, none for the fixed copy.
func check(t *testing.T, harmed bool, what string) {
	t.Helper()
	switch {
	case harmed && expectFixed:
		t.Errorf("fixed code still harmed: %s", what)
	case !harmed && !expectFixed:
		t.Errorf("the attack did no harm on the vulnerable code: %s", what)
	case harmed:
		t.Logf("HARM (expected on the vulnerable code): %s", what)
	default:
		t.Logf("NO HARM (expected on the fixed code), averted: %s", what)
	}
}

// The hostile ids.
const (
	// flushID ends the command line and runs flush_all.
	flushID = "a\r\nflush_all"
	// metaFlushID is flushID for a meta command, whose flags follow the
	// key: they go to a command of their own.
	metaFlushID = "a\r\nflush_all\r\nmg b"
	// setFlushID completes a set line of its own, then runs flush_all,
	// then starts the set the client's own tail completes.
	setFlushID = "x 0 0 1\r\nA\r\nflush_all\r\nset y"
	// multiID turns "get user:a" into a get of user:a and victim.
	multiID = "a victim"
)

// longID is over memcached's 250-byte key limit.
var longID = strings.Repeat("x", 300)

// wantFlush attacks handler with id and checks whether the server ran
// flush_all: a marker stored beforehand disappears.
func wantFlush(t *testing.T, s *server, handler http.HandlerFunc, kv ...string) {
	t.Helper()
	store(t, s.addr, "marker", "still here")
	request(t, handler, kv...)
	var gone bool
	if expectFixed {
		settle()
		_, ok := value(t, s.addr, "marker")
		gone = !ok
	} else {
		eventually(func() bool { _, ok := value(t, s.addr, "marker"); gone = !ok; return gone })
	}
	flushed := s.saw(t, func(l string) bool { return l == "flush_all" })
	if flushed != gone {
		t.Errorf("the server log says flush_all ran: %v, but the marker is gone: %v", flushed, gone)
	}
	check(t, flushed && gone, "the server executed the injected flush_all and dropped every item")
}

// wantDisclosure loads id "a victim" and checks whether the handler
// answered with another key's value: the server ran a two-key command
// (verb user:a victim) and returned victim.
func wantDisclosure(t *testing.T, s *server, verb string, handler http.HandlerFunc) {
	t.Helper()
	store(t, s.addr, "victim", "victim-secret")
	body := request(t, handler, "id", multiID)
	multi := s.ran(t, verb+" user:a victim")
	leaked := strings.Contains(body, "victim-secret")
	if leaked && !multi {
		t.Errorf("the response leaked victim's value, but the server never ran %q", verb+" user:a victim")
	}
	check(t, multi && leaked, "the server ran `"+verb+" user:a victim` and victim's value reached the attacker")
}

// wantCached saves name under id and loads it back: it must come from the
// cache, not the database.
func wantCached(t *testing.T, db *Backend, save, load http.HandlerFunc, id string) bool {
	t.Helper()
	request(t, save, "id", id, "name", "alice")
	before := db.Hits()
	got := request(t, load, "id", id)
	return got == "alice" && db.Hits() == before
}

// wantOrdinary checks that an ordinary id is stored and read back.
func wantOrdinary(t *testing.T, db *Backend, save, load http.HandlerFunc) {
	t.Helper()
	if !wantCached(t, db, save, load, "7") {
		t.Errorf("id 7: the saved name was not read back from the cache")
	}
}
