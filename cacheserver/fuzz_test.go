package cacheserver

import (
	"bytes"
	"io"
	"net"
	"testing"
	"time"
)

// scriptConn is a net.Conn that plays a fixed input and records output,
// so the fuzzer can drive the connection state machine synchronously.
type scriptConn struct {
	in  *bytes.Reader
	out bytes.Buffer
}

func (c *scriptConn) Read(p []byte) (int, error) {
	if c.in.Len() == 0 {
		return 0, io.EOF
	}
	// Deliver at most 7 bytes at a time to exercise partial reads too.
	return c.in.Read(p[:min(len(p), 7+c.in.Len()%13)])
}
func (c *scriptConn) Write(p []byte) (int, error) { return c.out.Write(p) }
func (c *scriptConn) Close() error                { return nil }
func (c *scriptConn) LocalAddr() net.Addr {
	return &net.TCPAddr{IP: net.IPv4(127, 0, 0, 1), Port: 11211}
}
func (c *scriptConn) RemoteAddr() net.Addr {
	return &net.TCPAddr{IP: net.IPv4(127, 0, 0, 1), Port: 40000}
}
func (c *scriptConn) SetDeadline(time.Time) error      { return nil }
func (c *scriptConn) SetReadDeadline(time.Time) error  { return nil }
func (c *scriptConn) SetWriteDeadline(time.Time) error { return nil }

// checkInvariants verifies the store's bookkeeping.
func (s *storage) checkInvariants(t *testing.T) {
	s.mu.Lock()
	defer s.mu.Unlock()
	var n int64
	pages := 0
	for id := range s.lru {
		chunks := 0
		for it := s.lru[id].head; it != nil; it = it.next {
			chunks += s.slabs.chunks(it.ntotal())
			n++
			if s.items.get(it.key()) != it {
				t.Fatalf("item %q in LRU but not in table", it.key())
			}
		}
		m := s.classMem[id]
		if chunks != m.chunks || chunks > m.pages*s.slabs.classes[id].perPage {
			t.Fatalf("class %d: items use %d chunks, counted %d, in %d pages", id, chunks, m.chunks, m.pages)
		}
		pages += m.pages
	}
	if n != int64(s.items.len()) {
		t.Fatalf("store accounting: %d items in LRUs, %d in table", n, s.items.len())
	}
	if s.pending != 0 {
		t.Fatalf("%d bytes of pending values left charged after the connection ended", s.pending)
	}
	if want := s.cfg.initialMalloc + int64(pages)*slabPageSize; s.malloced != want {
		t.Fatalf("malloced %d, pages add up to %d", s.malloced, want)
	}
}

func FuzzTextProtocol(f *testing.F) {
	if cases, err := readTranscripts(); err == nil {
		for _, tc := range cases {
			var all []byte
			for _, st := range tc.Steps {
				if b, err := unescapeTranscript(st.Send); err == nil && len(b) < 4096 {
					all = append(all, b...)
				}
			}
			f.Add(all)
		}
	}
	f.Add([]byte("set a 0 0 1\r\nx\r\nget a\r\nincr a 1\r\nmg a v c t\r\n"))
	f.Add([]byte("\x80\x01\x00\x03\x08\x00\x00\x00\x00\x00\x00\x0e\x00\x00\x00\x02\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00foobar"))
	f.Fuzz(func(t *testing.T, data []byte) { fuzzServers(t, ProtocolAuto, data) })
}

// FuzzMetaProtocol fuzzes the meta commands on an ASCII-only server.
func FuzzMetaProtocol(f *testing.F) {
	f.Add([]byte("ms a 2 T0 F5\r\nhi\r\nmg a v c t f s k O1\r\nma a\r\nmd a q\r\nmn\r\n"))
	f.Add([]byte("ms n 1 MS I\r\n5\r\nma n N0 J3 MI D2 v\r\nmg n v q\r\nms b 20000\r\n"))
	f.Add([]byte("ms Zm9v 3 b\r\nbar\r\nmg Zm9v b v k\r\nme foo\r\nms a b 23\r\nset evil 0 0 5\r\nowned\r\n"))
	f.Fuzz(func(t *testing.T, data []byte) { fuzzServers(t, ProtocolASCII, data) })
}

// FuzzBinaryProtocol fuzzes a binary-only server, from valid and
// malformed packets.
func FuzzBinaryProtocol(f *testing.F) {
	f.Add(append(binaryPacket(opSet, []byte("k"), make([]byte, 8), []byte("v")), binaryPacket(opGetK, []byte("k"), nil, nil)...))
	f.Add(binaryPacket(opSet, []byte("big"), make([]byte, 8), make([]byte, 20000)))
	f.Add([]byte{0x80, 0x08, 0x00, 0x03, 0x08, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x0b,
		0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 'k', 'e', 'y', 0, 0, 0, 0, 0, 0, 0, 0})
	f.Add(binaryPacket(opSASLAuth, []byte("PLAIN"), nil, []byte("bob\x00alice\x00secret")))
	f.Fuzz(func(t *testing.T, data []byte) { fuzzServers(t, ProtocolBinary, data) })
}

// fuzzServers plays data to a fresh faithful and a fresh hardened server
// (fresh per input keeps runs independent of each other).
func fuzzServers(t *testing.T, proto Protocol, data []byte) {
	for _, hardened := range []bool{false, true} {
		cfg := DefaultConfig()
		cfg.Log = io.Discard
		cfg.MaxBytes = 2 << 20
		cfg.ItemSizeMax = 64 << 10
		cfg.Hardened = hardened
		cfg.Protocol = proto
		srv, err := New(cfg)
		if err != nil {
			t.Fatal(err)
		}
		runScript(t, srv, data)
	}
}

func runScript(t *testing.T, srv *Server, data []byte) {
	sc := &scriptConn{in: bytes.NewReader(data)}
	c := newConn(srv, sc, 99, "tcp:127.0.0.1:11211")
	c.serve()
	// Multigets may repeat a stored value once per key: quadratic at most.
	if sc.out.Len() > len(data)*len(data)+(1<<20) {
		t.Fatalf("%d bytes of output for %d bytes of input", sc.out.Len(), len(data))
	}
	srv.store.checkInvariants(t)
}
