package cacheserver

import (
	"context"
	"errors"
	"net"
)

// Dial opens an in-memory connection to the server, served exactly like
// a TCP one, for tests that should not open sockets. The connection is
// synchronous (net.Pipe): a write waits until the other side reads, so a
// client must not send a long pipeline without reading replies.
func (s *Server) Dial() (net.Conn, error) {
	client, server := net.Pipe()
	s.mu.Lock()
	closed := s.closed
	s.mu.Unlock()
	if closed || !s.admit(server, "mem:") {
		client.Close()
		return nil, errors.New("cacheserver: server closed")
	}
	return client, nil
}

// DialContext is Dial with the signature of net.Dialer.DialContext and
// of gomemcache's Client.DialContext; network and address are ignored.
func (s *Server) DialContext(ctx context.Context, network, address string) (net.Conn, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	return s.Dial()
}
