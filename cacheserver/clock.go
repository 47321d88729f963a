package cacheserver

import (
	"sync"
	"time"
)

// serverClock is the time a server lives by: Config.Now (or time.Now)
// moved by FastForward, or frozen by SetTime. memcached only knows its
// own clock; this one exists so that tests can make items expire
// without waiting.
type serverClock struct {
	base func() time.Time

	mu     sync.Mutex
	offset time.Duration
	frozen bool
	at     time.Time // the time while frozen
}

func (c *serverClock) now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.frozen {
		return c.at
	}
	return c.base().Add(c.offset)
}

// FastForward moves the server's clock d ahead: items expire, flush_all
// delays run out and "stats" uptime grows as if d had passed. The LRU
// maintainer then runs at once, so expired items are reclaimed (as
// memcached's maintainer would within about a second) before it returns.
func (s *Server) FastForward(d time.Duration) {
	s.clock.mu.Lock()
	if s.clock.frozen {
		s.clock.at = s.clock.at.Add(d)
	} else {
		s.clock.offset += d
	}
	s.clock.mu.Unlock()
	s.maintainNow()
}

// SetTime sets the server's clock to t and stops it there: from then on
// it moves only with FastForward and SetTime. The LRU maintainer runs at
// once, as after FastForward.
func (s *Server) SetTime(t time.Time) {
	s.clock.mu.Lock()
	s.clock.frozen, s.clock.at = true, t
	s.clock.mu.Unlock()
	s.maintainNow()
}

// maintainNow runs an LRU maintainer pass unless -o no_modern has none.
func (s *Server) maintainNow() {
	if !s.cfg.NoModern {
		s.store.maintain()
	}
}

// resume restarts a frozen clock from where it stopped.
func (c *serverClock) resume() {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.frozen {
		c.offset = c.at.Sub(c.base())
		c.frozen = false
	}
}

// processDebugTime serves memcached-debug's "debugtime p|r|<seconds>".
func (c *conn) processDebugTime(t *tokenLine) {
	arg := t.arg(1)
	switch {
	case !c.srv.cfg.DebugTime || t.ntokens() < 3:
		c.outString("ERROR")
	case string(arg) == "p":
		c.srv.SetTime(c.srv.now())
		c.outString("OK")
	case string(arg) == "r":
		c.srv.clock.resume()
		c.outString("OK")
	default:
		secs, ok := parseInt64(arg)
		if !ok {
			c.outString("ERROR")
			return
		}
		c.srv.FastForward(time.Duration(secs) * time.Second)
		c.outString("OK")
	}
}
