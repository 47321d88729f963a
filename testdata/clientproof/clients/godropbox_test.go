package clients

import (
	"io"
	"net"
	"net/http"
	"testing"
	"time"

	"github.com/dropbox/godropbox/memcache"
)

// godropbox's raw clients validate like gomemcache: the harm is a cache
// bypass, on the text and the binary client alike.

// godropboxChannels are the two raw clients over a connection.
var godropboxChannels = []struct {
	name string
	new  func(shard int, channel io.ReadWriter) memcache.ClientShard
}{
	{"ascii", memcache.NewRawAsciiClient},
	{"binary", memcache.NewRawBinaryClient},
}

func newGodropbox(t *testing.T, s *server, newShard func(int, io.ReadWriter) memcache.ClientShard) *Godropbox {
	t.Helper()
	conn, err := net.DialTimeout("tcp", s.addr, time.Second)
	if err != nil {
		t.Fatal(err)
	}
	conn.SetDeadline(time.Now().Add(5 * time.Second))
	t.Cleanup(func() { conn.Close() })
	return &Godropbox{MC: newShard(0, conn), DB: &Backend{}}
}

func TestGodropboxLoadBypass(t *testing.T) {
	for _, ch := range godropboxChannels {
		t.Run(ch.name, func(t *testing.T) {
			forEachBypass(t, func(t *testing.T, s *server) (*Backend, http.HandlerFunc, http.HandlerFunc) {
				a := newGodropbox(t, s, ch.new)
				return a.DB, a.Save, a.Load
			})
		})
	}
}

func TestGodropboxLoadMultiBypass(t *testing.T) {
	for _, ch := range godropboxChannels {
		t.Run(ch.name, func(t *testing.T) {
			forEachBypass(t, func(t *testing.T, s *server) (*Backend, http.HandlerFunc, http.HandlerFunc) {
				a := newGodropbox(t, s, ch.new)
				return a.DB, a.Save, a.LoadMulti
			})
		})
	}
}
