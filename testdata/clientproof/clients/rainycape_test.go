package clients

import (
	"testing"
	"time"

	"github.com/rainycape/memcache"
)

// rainycape/memcache sends every key as it is.

func newRainycape(t *testing.T, s *server) *Rainycape {
	t.Helper()
	mc, err := memcache.New(s.addr)
	if err != nil {
		t.Fatal(err)
	}
	mc.SetTimeout(2 * time.Second)
	t.Cleanup(func() { mc.Close() })
	return &Rainycape{MC: mc, DB: &Backend{}}
}

func TestRainycapeSaveRawBytes(t *testing.T) {
	forEachServer(t, func(t *testing.T, s *server) {
		wantForgedDump(t, s, newRainycape(t, s).Save)
	})
}

func TestRainycapeSaveKeyLengthWrap(t *testing.T) {
	forEachServer(t, func(t *testing.T, s *server) {
		wantWrappedStore(t, s, newRainycape(t, s).Save)
	})
}

func TestRainycapeLoadLongKey(t *testing.T) {
	forEachServer(t, func(t *testing.T, s *server) {
		a := newRainycape(t, s)
		wantLongKeyBypass(t, s, a.DB, a.Save, a.Load)
		a = newRainycape(t, s)
		wantOrdinary(t, a.DB, a.Save, a.Load)
	})
}

func TestRainycapeLoadMultiLongKey(t *testing.T) {
	forEachServer(t, func(t *testing.T, s *server) {
		a := newRainycape(t, s)
		wantLongKeyBypass(t, s, a.DB, a.Save, a.LoadMulti)
		a = newRainycape(t, s)
		wantOrdinary(t, a.DB, a.Save, a.LoadMulti)
	})
}
