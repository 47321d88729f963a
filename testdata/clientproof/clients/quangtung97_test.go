package clients

import (
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/QuangTung97/go-memcache/memcache"
)

// QuangTung97/go-memcache refuses control characters, but a space in the
// key ends it on the meta command line: the rest is read as flags.

func newQuangTung(t *testing.T, s *server) *QuangTung {
	t.Helper()
	mc, err := memcache.New(s.addr, 1)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { mc.Close() })
	return &QuangTung{MC: mc, DB: &Backend{}}
}

// inBackground runs a request in a goroutine, for a client that may never
// answer, and returns where its body arrives.
func inBackground(handler http.HandlerFunc, kv ...string) <-chan string {
	ch := make(chan string, 1)
	go func() { ch <- serve(handler, kv...) }()
	return ch
}

// received waits for a body from inBackground, for a few seconds at most:
// a client that lost track of its replies may never answer.
func received(t *testing.T, ch <-chan string, who string) (string, bool) {
	t.Helper()
	select {
	case body := <-ch:
		t.Logf("app: %s's request -> %q", who, body)
		return body, true
	case <-time.After(3 * time.Second):
		t.Logf("app: %s's request has no answer after 3s", who)
		return "", false
	}
}

// "k q" adds the q flag to the mg line: memcached then answers nothing on
// a miss, the client takes the next request's reply on the connection as
// this one's, and the attacker reads the victim's value.
func TestQuangTungLoadFlagInjection(t *testing.T) {
	forEachServer(t, func(t *testing.T, s *server) {
		store(t, s.addr, "user:victim", "victim-secret")
		a := newQuangTung(t, s)
		attacker := inBackground(a.Load, "id", "k q")
		if !eventually(func() bool { return s.ran(t, "mg ") }) {
			t.Fatal("the attacker's mg never reached the server")
		}
		victim := inBackground(a.Load, "id", "victim")
		body, _ := received(t, attacker, "the attacker")
		flagged := s.ran(t, "mg user:k q v")
		check(t, flagged && body == "victim-secret", "the server ran `mg user:k q v` and the attacker received the victim's value")
		a.MC.Close()
		received(t, victim, "the victim")

		a = newQuangTung(t, s)
		wantOrdinary(t, a.DB, a.Save, a.Load)
	})
}

// "x q" leaves ms without a valid data length: memcached rejects the line
// and runs the data block, the name, as a command.
func TestQuangTungSaveFlagInjection(t *testing.T) {
	forEachServer(t, func(t *testing.T, s *server) {
		a := newQuangTung(t, s)
		wantFlush(t, s, a.Save, "id", "x q", "name", "flush_all")
		a.MC.Close()
	})
}

// The client has no length limit: memcached rejects an ms line with a
// key over 250 bytes and runs the data block as a command.
func TestQuangTungSaveLongKey(t *testing.T) {
	forEachServer(t, func(t *testing.T, s *server) {
		a := newQuangTung(t, s)
		wantFlush(t, s, a.Save, "id", longID, "name", "flush_all")
		a.MC.Close()
		a = newQuangTung(t, s)
		if expectFixed && !wantCached(t, a.DB, a.Save, a.Load, strings.Repeat("y", 300)) {
			t.Errorf("fixed code: a 300-byte id is not cached")
		}
	})
}

// "k q" makes md quiet: memcached deletes user:k without a reply, and the
// client takes the next request's reply, the victim's value, for the
// delete's: it fails to parse it, drops the connection and the victim's
// request loses its answer.
func TestQuangTungForgetFlagInjection(t *testing.T) {
	forEachServer(t, func(t *testing.T, s *server) {
		store(t, s.addr, "user:k", "k")
		store(t, s.addr, "user:victim", "victim-secret")
		a := newQuangTung(t, s)
		attacker := inBackground(a.Forget, "id", "k q")
		if !eventually(func() bool { return s.ran(t, "md ") }) {
			t.Fatal("the attacker's md never reached the server")
		}
		victim := inBackground(a.Load, "id", "victim")
		body, _ := received(t, attacker, "the attacker")
		flagged := s.ran(t, "md user:k q")
		check(t, flagged && strings.Contains(body, "can not parse mdel response"), "the server ran `md user:k q` and the client read the victim's reply as the delete's")
		a.MC.Close()
		received(t, victim, "the victim")

		a = newQuangTung(t, s)
		request(t, a.Save, "id", "8", "name", "bob")
		if got := request(t, a.Forget, "id", "8"); got != "saved" {
			t.Errorf("forgetting id 8: %q", got)
		}
		if got := request(t, a.Load, "id", "8"); got != "db:8" {
			t.Errorf("id 8 after forget: %q, want it from the database", got)
		}
	})
}
