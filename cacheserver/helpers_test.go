package cacheserver

import (
	"bufio"
	"bytes"
	"io"
	"net"
	"testing"
	"time"
)

// startTestServer runs an in-process server on a loopback port.
func startTestServer(t testing.TB, mutate func(*Config)) (*Server, string) {
	t.Helper()
	cfg := DefaultConfig()
	cfg.Log = io.Discard
	if mutate != nil {
		mutate(&cfg)
	}
	srv, err := New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	go srv.Serve(ln)
	t.Cleanup(func() { srv.Close() })
	return srv, ln.Addr().String()
}

// testClient is a raw text-protocol client for tests.
type testClient struct {
	t  testing.TB
	nc net.Conn
	r  *bufio.Reader
}

func dialTest(t testing.TB, addr string) *testClient {
	t.Helper()
	nc, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { nc.Close() })
	return &testClient{t: t, nc: nc, r: bufio.NewReader(nc)}
}

// roundTrip sends req followed by "mn\r\n" and returns everything the
// server answered before the closing "MN\r\n" (or before EOF).
func (c *testClient) roundTrip(req string) (resp string, closed bool) {
	c.t.Helper()
	c.nc.SetDeadline(time.Now().Add(2 * time.Second))
	if _, err := io.WriteString(c.nc, req+"mn\r\n"); err != nil {
		return "", true
	}
	var buf bytes.Buffer
	for {
		line, err := c.r.ReadBytes('\n')
		buf.Write(line)
		if err != nil {
			return buf.String(), true
		}
		if bytes.HasSuffix(buf.Bytes(), []byte("MN\r\n")) &&
			(buf.Len() == 4 || bytes.HasSuffix(buf.Bytes(), []byte("\nMN\r\n"))) {
			return buf.String()[:buf.Len()-4], false
		}
	}
}
