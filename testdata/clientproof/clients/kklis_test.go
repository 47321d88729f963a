package clients

import (
	"strings"
	"testing"

	"github.com/kklis/gomemcache"
)

// kklis/gomemcache writes the key into the command line unchecked.

func newKklis(t *testing.T, s *server) *Kklis {
	t.Helper()
	mc, err := gomemcache.Dial("tcp", s.addr)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { mc.Close() })
	mc.SetReadTimeout(int64(3e9))
	return &Kklis{MC: mc, DB: &Backend{}}
}

func TestKklisLoadInjection(t *testing.T) {
	forEachServer(t, func(t *testing.T, s *server) {
		wantFlush(t, s, newKklis(t, s).Load, "id", flushID)
		wantDisclosure(t, s, "get", newKklis(t, s).Load)
		a := newKklis(t, s)
		wantOrdinary(t, a.DB, a.Save, a.Load)
	})
}

func TestKklisLoadMultiInjection(t *testing.T) {
	forEachServer(t, func(t *testing.T, s *server) {
		wantFlush(t, s, newKklis(t, s).LoadMulti, "id", flushID)
		a := newKklis(t, s)
		wantOrdinary(t, a.DB, a.Save, a.LoadMulti)
	})
}

func TestKklisSaveInjection(t *testing.T) {
	forEachServer(t, func(t *testing.T, s *server) {
		wantFlush(t, s, newKklis(t, s).Save, "id", setFlushID, "name", "alice")
	})
}

// A key over 250 bytes makes memcached reject the set line and run its
// data block, the name, as a command.
func TestKklisSaveLongKey(t *testing.T) {
	forEachServer(t, func(t *testing.T, s *server) {
		wantFlush(t, s, newKklis(t, s).Save, "id", longID, "name", "flush_all")
		a := newKklis(t, s)
		if expectFixed && !wantCached(t, a.DB, a.Save, a.Load, strings.Repeat("y", 300)) {
			t.Errorf("fixed code: a 300-byte id is not cached")
		}
	})
}
