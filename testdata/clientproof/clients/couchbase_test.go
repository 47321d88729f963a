package clients

import (
	"testing"
	"time"

	"github.com/couchbase/gomemcached/client"
)

// couchbase/gomemcached/client sends every key as it is, after the
// vbucket.

// newCouchbase connects one client connection, as couchbase's own pools
// do; reconnecting is the pool's business, so each scenario gets its own.
func newCouchbase(t *testing.T, s *server) *Couchbase {
	t.Helper()
	c, err := memcached.Connect("tcp", s.addr)
	if err != nil {
		t.Fatal(err)
	}
	c.SetDeadline(time.Now().Add(5 * time.Second))
	t.Cleanup(func() { c.Close() })
	return &Couchbase{MC: c, DB: &Backend{}}
}

func TestCouchbaseSaveRawBytes(t *testing.T) {
	forEachServer(t, func(t *testing.T, s *server) {
		wantForgedDump(t, s, newCouchbase(t, s).Save)
	})
}

func TestCouchbaseSaveKeyLengthWrap(t *testing.T) {
	forEachServer(t, func(t *testing.T, s *server) {
		wantWrappedStore(t, s, newCouchbase(t, s).Save)
	})
}

func TestCouchbaseLoadLongKey(t *testing.T) {
	forEachServer(t, func(t *testing.T, s *server) {
		a := newCouchbase(t, s)
		wantLongKeyBypass(t, s, a.DB, a.Save, a.Load)
		a = newCouchbase(t, s)
		wantOrdinary(t, a.DB, a.Save, a.Load)
	})
}

func TestCouchbaseLoadMultiLongKey(t *testing.T) {
	forEachServer(t, func(t *testing.T, s *server) {
		a := newCouchbase(t, s)
		wantLongKeyBypass(t, s, a.DB, a.Save, a.LoadMulti)
		a = newCouchbase(t, s)
		wantOrdinary(t, a.DB, a.Save, a.LoadMulti)
	})
}
