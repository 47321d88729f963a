package cacheserver

import (
	"errors"
	"fmt"
	"net"
	"os"
	"strings"
	"sync"
	"testing"
)

// RunT starts a server for the test t on a free loopback TCP port, with
// DefaultConfig changed by each of opts, and closes it when the test
// ends. Start-up errors fail the test. The server's trace (-v, -vv, set
// with Config.Verbosity) goes to t.Log.
func RunT(t testing.TB, opts ...func(*Config)) *Server {
	t.Helper()
	cfg := DefaultConfig()
	cfg.Port = 0
	log := &testLog{t: t}
	cfg.Log = log
	for _, o := range opts {
		o(&cfg)
	}
	srv, err := New(cfg)
	if err != nil {
		t.Fatalf("cacheserver: %v", err)
	}
	if err := srv.Start(); err != nil {
		t.Fatalf("cacheserver: %v", err)
	}
	t.Cleanup(func() {
		srv.Close()
		log.stop()
	})
	return srv
}

// testLog sends the trace to t.Log a line at a time, and stops once the
// test is over (t.Log would panic then).
type testLog struct {
	t    testing.TB
	mu   sync.Mutex
	part string
	done bool
}

func (l *testLog) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.done {
		return len(p), nil
	}
	text := l.part + string(p)
	lines := strings.Split(text, "\n")
	l.part = lines[len(lines)-1]
	for _, line := range lines[:len(lines)-1] {
		l.t.Log(line)
	}
	return len(p), nil
}

// stop drops whatever is written after the test, and the unfinished line.
func (l *testLog) stop() {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.part != "" {
		l.t.Log(l.part)
	}
	l.done = true
}

// Addr returns the address of the server's first listener, host:port
// for TCP or the path of a unix socket, as a client would dial it.
func (s *Server) Addr() string {
	addrs := s.Addrs()
	if len(addrs) == 0 {
		return ""
	}
	return addrs[0].String()
}

// Restart drops every connection and listener and listens again on the
// same addresses, keeping the items, the statistics and the clock, as a
// memcached restarted with a memory file (-e) would. Clients see their
// connections closed and can reconnect at once.
func (s *Server) Restart() error {
	s.mu.Lock()
	if s.closed {
		s.mu.Unlock()
		return errors.New("cacheserver: Restart of a closed server")
	}
	old := s.listeners
	s.listeners = nil
	for _, l := range old {
		l.ln.Close()
		delete(s.fdsInUse, l.fd)
	}
	for c := range s.conns {
		c.nc.Close()
	}
	s.mu.Unlock()
	s.wg.Wait()
	for _, l := range old {
		a := l.ln.Addr()
		ln, err := net.Listen(a.Network(), a.String())
		if err != nil {
			return fmt.Errorf("cacheserver: Restart: %w", err)
		}
		if a.Network() == "unix" {
			os.Chmod(a.String(), s.cfg.UnixMask&0o777)
		}
		s.serveInBackground(ln)
	}
	return nil
}
