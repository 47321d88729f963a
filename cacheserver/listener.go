package cacheserver

import (
	"errors"
	"fmt"
	"io"
	"net"
	"os"
	"strconv"
)

// listener is one listening socket with its memcached-style fd number.
type listener struct {
	ln   net.Listener
	fd   int
	addr string // "tcp:127.0.0.1:11211" or "unix:/path"
}

// Start opens the configured TCP and unix listeners and serves them in
// the background. It refuses, in hardened mode, to expose an
// unauthenticated server on a non-loopback address.
func (s *Server) Start() error {
	if s.cfg.UnixSocket == "" {
		if err := s.checkExposure(s.cfg.ListenAddrs); err != nil {
			return err
		}
	}
	var lns []net.Listener
	if s.cfg.UnixSocket != "" {
		os.Remove(s.cfg.UnixSocket)
		ln, err := net.Listen("unix", s.cfg.UnixSocket)
		if err != nil {
			return fmt.Errorf("failed to listen on UNIX socket \"%s\": %w", s.cfg.UnixSocket, err)
		}
		if err := os.Chmod(s.cfg.UnixSocket, s.cfg.UnixMask&0o777); err != nil {
			ln.Close()
			return err
		}
		lns = append(lns, ln)
	} else {
		addrs := s.cfg.ListenAddrs
		if len(addrs) == 0 {
			addrs = []string{"127.0.0.1"}
		}
		for _, a := range addrs {
			hostPort := net.JoinHostPort(a, strconv.Itoa(s.cfg.Port))
			if _, _, err := net.SplitHostPort(a); err == nil {
				hostPort = a // "-l host:port" overrides -p
			}
			ln, err := net.Listen("tcp", hostPort)
			if err != nil {
				for _, l := range lns {
					l.Close()
				}
				return fmt.Errorf("failed to listen on TCP port %d: %w", s.cfg.Port, err)
			}
			lns = append(lns, ln)
		}
	}
	for _, ln := range lns {
		s.serveInBackground(ln)
	}
	return nil
}

// serveInBackground accepts on ln until the server closes (or restarts).
func (s *Server) serveInBackground(ln net.Listener) {
	l := s.addListener(ln)
	s.wg.Add(1)
	go func() {
		defer s.wg.Done()
		s.acceptLoop(l)
	}()
}

// Serve accepts connections on ln until it is closed or the server is
// closed. It is the entry point for tests that create their own listener.
func (s *Server) Serve(ln net.Listener) error {
	if ln.Addr().Network() != "unix" {
		if err := s.checkExposure([]string{ln.Addr().String()}); err != nil {
			ln.Close()
			return err
		}
	}
	return s.acceptLoop(s.addListener(ln))
}

// checkExposure enforces hardened mode's rule: no unauthenticated server
// on an address other than loopback (or a unix socket).
func (s *Server) checkExposure(addrs []string) error {
	if !s.cfg.Hardened || s.cfg.SASL || s.cfg.authFileEnabled() {
		return nil
	}
	for _, a := range addrs {
		host := a
		if h, _, err := net.SplitHostPort(a); err == nil {
			host = h
		}
		if host == "localhost" {
			continue
		}
		if ip := net.ParseIP(host); ip == nil || !ip.IsLoopback() {
			return fmt.Errorf("hardened mode: refusing to listen on non-loopback address %q without authentication (-S or -Y)", a)
		}
	}
	return nil
}

func (s *Server) addListener(ln net.Listener) *listener {
	s.startMaintainer()
	s.mu.Lock()
	defer s.mu.Unlock()
	l := &listener{ln: ln, fd: s.allocFD()}
	switch a := ln.Addr().(type) {
	case *net.UnixAddr:
		l.addr = "unix:" + a.Name
	default:
		l.addr = "tcp:" + a.String()
	}
	s.listeners = append(s.listeners, l)
	s.stats.totalConns.Add(1)
	s.logf(2, "<%d server listening (%s)\n", l.fd, s.listenProtocol())
	return l
}

func (s *Server) listenProtocol() Protocol {
	switch {
	case s.cfg.authFileEnabled():
		return ProtocolASCII
	case s.cfg.SASL:
		return ProtocolBinary
	}
	return s.cfg.Protocol
}

// allocFD hands out the lowest free descriptor number above memcached's
// own descriptors (which is 7 + 4 per worker thread), so that the numbers
// in -vv traces, "stats conns" and watch logs look like memcached's.
func (s *Server) allocFD() int {
	fd := 7 + 4*s.cfg.Threads
	for s.fdsInUse[fd] {
		fd++
	}
	s.fdsInUse[fd] = true
	s.fdsSeen[fd] = true
	return fd
}

// reservedFDs is how many descriptors memcached keeps back when applying
// the -c limit ("STAT reserved_fds" plus the listener and std streams).
const reservedFDs = 23

func (s *Server) acceptLoop(l *listener) error {
	for {
		nc, err := l.ln.Accept()
		if err != nil {
			s.mu.Lock()
			closed := s.closed
			s.mu.Unlock()
			var ne net.Error
			if !closed && errors.As(err, &ne) && ne.Timeout() {
				continue
			}
			if closed || errors.Is(err, net.ErrClosed) {
				return nil
			}
			return err
		}
		if !s.admit(nc, l.addr) {
			return nil
		}
	}
}

// admit serves nc, accepted on the listener named listenAddr, unless the
// server is closed (it reports false) or at its connection limit.
func (s *Server) admit(nc net.Conn, listenAddr string) bool {
	s.mu.Lock()
	if s.closed {
		s.mu.Unlock()
		nc.Close()
		return false
	}
	if len(s.conns)+len(s.listeners)+reservedFDs >= s.cfg.MaxConns-1 {
		s.mu.Unlock()
		s.stats.rejectedConns.Add(1)
		io.WriteString(nc, "ERROR Too many open connections\r\n")
		nc.Close()
		return true
	}
	c := newConn(s, nc, s.allocFD(), listenAddr)
	s.conns[c] = struct{}{}
	s.stats.totalConns.Add(1)
	s.wg.Add(1)
	s.mu.Unlock()
	go func() {
		defer s.wg.Done()
		c.serve()
		s.mu.Lock()
		s.retireCounters(c)
		delete(s.conns, c)
		delete(s.fdsInUse, c.fd)
		s.mu.Unlock()
	}()
	return true
}
