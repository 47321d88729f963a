package cacheserver

import (
	"fmt"
	"io"
	"strings"
	"testing"
	"time"
)

// TestPendingValuesCountAgainstMemoryLimit: clients that declare 1 MB
// values and hold back their last bytes take -m from the moment their
// line is read, as memcached's items do; once -m is taken by pending
// values, further ones are refused "out of memory" instead of being
// allocated beyond it (the 500 slow 1 MB sets took 459 MB of a
// -m 64 server).
func TestPendingValuesCountAgainstMemoryLimit(t *testing.T) {
	srv, addr := startTestServer(t, func(c *Config) { c.MaxBytes = 8 << 20 })
	const clients, vlen = 16, 1000 << 10
	conns := make([]*testClient, clients)
	for i := range conns {
		conns[i] = dialTest(t, addr)
		fmt.Fprintf(conns[i].nc, "set pending%02d 0 0 %d\r\n%s", i, vlen, strings.Repeat("v", vlen))
	}
	st := srv.store
	charge, _ := st.pendingFor(len("pending00"), 0, vlen)
	cost := st.pendingBytes(charge)
	var pending int64
	var refused uint64
	for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline); time.Sleep(10 * time.Millisecond) {
		st.mu.Lock()
		pending, refused = st.pending, st.counters.storeNoMemory
		st.mu.Unlock()
		if pending/int64(cost)+int64(refused) >= clients {
			break
		}
	}
	if pending > st.cfg.maxBytes {
		t.Errorf("pending values hold %d bytes, over -m %d", pending, st.cfg.maxBytes)
	}
	held := int(pending / int64(cost))
	if held == 0 || held == clients {
		t.Fatalf("%d of %d pending values admitted under -m 8 (%d refused)", held, clients, refused)
	}
	stored := 0
	for _, c := range conns {
		io.WriteString(c.nc, "\r\n")
		got, _ := c.roundTrip("")
		switch got {
		case "STORED\r\n":
			stored++
		case "SERVER_ERROR out of memory storing object\r\n":
		default:
			t.Errorf("reply %q", got)
		}
	}
	if stored != held {
		t.Errorf("%d stored, %d had been admitted", stored, held)
	}
	st.mu.Lock()
	defer st.mu.Unlock()
	if st.pending != 0 {
		t.Errorf("%d bytes still pending after every value arrived", st.pending)
	}
}
