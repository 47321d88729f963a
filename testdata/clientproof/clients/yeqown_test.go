package clients

import (
	"strings"
	"testing"
	"time"

	"github.com/yeqown/memcached"
)

// yeqown/memcached checks only 0 < len(key) <= 65535 and writes the key
// into the command line as it is, text and meta alike.

func newYeqown(t *testing.T, s *server) *Yeqown {
	t.Helper()
	mc, err := memcached.New(s.addr, memcached.WithReadTimeout(2*time.Second), memcached.WithMaxConns(1))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { mc.Close() })
	return &Yeqown{MC: mc, DB: &Backend{}}
}

func TestYeqownLoadInjection(t *testing.T) {
	forEachServer(t, func(t *testing.T, s *server) {
		wantFlush(t, s, newYeqown(t, s).Load, "id", flushID)
		wantDisclosure(t, s, "get", newYeqown(t, s).Load)
		a := newYeqown(t, s)
		wantOrdinary(t, a.DB, a.Save, a.Load)
	})
}

func TestYeqownLoadMultiInjection(t *testing.T) {
	forEachServer(t, func(t *testing.T, s *server) {
		wantFlush(t, s, newYeqown(t, s).LoadMulti, "id", flushID)
		wantDisclosure(t, s, "gets", newYeqown(t, s).LoadMulti)
		a := newYeqown(t, s)
		wantOrdinary(t, a.DB, a.Save, a.LoadMulti)
	})
}

func TestYeqownLoadMetaInjection(t *testing.T) {
	forEachServer(t, func(t *testing.T, s *server) {
		wantFlush(t, s, newYeqown(t, s).LoadMeta, "id", metaFlushID)
		a := newYeqown(t, s)
		wantOrdinary(t, a.DB, a.Save, a.LoadMeta)
	})
}

func TestYeqownSaveInjection(t *testing.T) {
	forEachServer(t, func(t *testing.T, s *server) {
		wantFlush(t, s, newYeqown(t, s).Save, "id", setFlushID, "name", "alice")
	})
}

// yeqown lets keys up to 65535 bytes through: memcached rejects the set
// line and runs its data block, the name, as a command.
func TestYeqownSaveLongKey(t *testing.T) {
	forEachServer(t, func(t *testing.T, s *server) {
		wantFlush(t, s, newYeqown(t, s).Save, "id", longID, "name", "flush_all")
		a := newYeqown(t, s)
		if expectFixed && !wantCached(t, a.DB, a.Save, a.Load, strings.Repeat("y", 300)) {
			t.Errorf("fixed code: a 300-byte id is not cached")
		}
	})
}
