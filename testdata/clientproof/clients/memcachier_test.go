package clients

import (
	"testing"
	"time"

	"github.com/memcachier/mc/v3"
)

// memcachier/mc sends every key as it is; a key of 64 KiB or more
// smuggles a request of its own.

func newMemcachier(t *testing.T, s *server) *Memcachier {
	t.Helper()
	cfg := mc.DefaultConfig()
	cfg.ConnectionTimeout = 2 * time.Second
	cfg.Retries = 1
	client := mc.NewMCwithConfig(s.addr, "", "", cfg)
	t.Cleanup(client.Quit)
	return &Memcachier{MC: client, DB: &Backend{}}
}

func TestMemcachierSaveRawBytes(t *testing.T) {
	forEachServer(t, func(t *testing.T, s *server) {
		wantForgedDump(t, s, newMemcachier(t, s).Save)
	})
}

func TestMemcachierLoadSmuggling(t *testing.T) {
	forEachServer(t, func(t *testing.T, s *server) {
		wantSmuggledSet(t, s, newMemcachier(t, s).Load)
		a := newMemcachier(t, s)
		wantOrdinary(t, a.DB, a.Save, a.Load)
	})
}

func TestMemcachierLoadLongKey(t *testing.T) {
	forEachServer(t, func(t *testing.T, s *server) {
		a := newMemcachier(t, s)
		wantLongKeyBypass(t, s, a.DB, a.Save, a.Load)
	})
}
