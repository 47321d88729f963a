package cacheserver

import "sync/atomic"

// connCounters are the "stats" counters bumped on every request. Each
// connection keeps its own, as memcached keeps per-thread stats, and
// "stats" adds them up: server-wide atomics on the get path made every
// request write cache lines shared by all processors. Only the
// connection's goroutine adds to them; atomics let "stats" and
// "stats reset" read and clear them from other connections.
type connCounters struct {
	bytesRead, bytesWritten      atomic.Uint64
	getCmds, touchCmds, metaCmds atomic.Uint64
	connYields                   atomic.Uint64
	// verbs counts commands per verb for CommandCounts.
	verbs [len(countedVerbs)]atomic.Uint64
}

// counterTotals is a sum of connCounters.
type counterTotals struct {
	bytesRead, bytesWritten      uint64
	getCmds, touchCmds, metaCmds uint64
	connYields                   uint64
}

func (t *counterTotals) add(c *connCounters) {
	t.bytesRead += c.bytesRead.Load()
	t.bytesWritten += c.bytesWritten.Load()
	t.getCmds += c.getCmds.Load()
	t.touchCmds += c.touchCmds.Load()
	t.metaCmds += c.metaCmds.Load()
	t.connYields += c.connYields.Load()
}

func (c *connCounters) reset() {
	c.bytesRead.Store(0)
	c.bytesWritten.Store(0)
	c.getCmds.Store(0)
	c.touchCmds.Store(0)
	c.metaCmds.Store(0)
	c.connYields.Store(0)
}

// requestTotals sums the counters of closed and open connections. s.mu
// must be held: it guards the set of connections and closedCounters.
func (s *Server) requestTotals() counterTotals {
	t := s.closedCounters
	for c := range s.conns {
		t.add(&c.counters)
	}
	return t
}

// retireCounters folds a closing connection's counters into
// closedCounters; s.mu must be held, and c removed from s.conns with it.
func (s *Server) retireCounters(c *conn) {
	s.closedCounters.add(&c.counters)
	for i := range c.counters.verbs {
		s.closedVerbs[i] += c.counters.verbs[i].Load()
	}
}

// resetRequestCounters is the per-connection part of "stats reset".
func (s *Server) resetRequestCounters() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.closedCounters = counterTotals{}
	for c := range s.conns {
		c.counters.reset()
	}
}
