package cacheserver

import (
	"fmt"
	"io"
	"net"
	"os"
	"sync"
	"sync/atomic"
	"time"
)

// Server is a memcached-compatible cache server. Create one with New, then
// either Start it on its configured addresses or hand listeners to Serve.
type Server struct {
	cfg       Config
	clock     *serverClock
	store     *storage
	stats     serverStats
	detail    prefixStats
	watch     *watchHub
	verbosity atomic.Int32
	// crawlerDisabled follows "lru_crawler disable/enable".
	crawlerDisabled atomic.Bool
	// crawlerBusy is set while a metadump runs: memcached's crawler
	// thread answers BUSY to a second one.
	crawlerBusy atomic.Bool
	started     time.Time
	connMem     *connMemory

	logMu sync.Mutex

	mu        sync.Mutex
	listeners []*listener
	conns     map[*conn]struct{}
	fdsInUse  map[int]bool
	fdsSeen   map[int]bool
	// closedCounters holds the request counters of closed connections.
	closedCounters counterTotals
	closedVerbs    verbCounts
	hook           hookSlot
	closed         bool
	// done is closed by Close; background work (the LRU maintainer)
	// ends with it.
	done           chan struct{}
	maintainerOnce sync.Once
	// wg counts accept loops and connections, background the LRU
	// maintainer: Restart waits for the first only.
	wg, background sync.WaitGroup
}

// serverStats are the connection and command counters of "stats" that
// are not per connection (connCounters): all of them are rare events.
type serverStats struct {
	flushCmds, authCmds, authErrors atomic.Uint64
	totalConns, rejectedConns       atomic.Uint64
	// idleKicks counts connections closed by the idle timeout.
	idleKicks atomic.Uint64
}

// New validates cfg and returns a server that is not yet listening.
func New(cfg Config) (*Server, error) {
	if err := cfg.validate(); err != nil {
		return nil, err
	}
	if cfg.Log == nil {
		cfg.Log = os.Stderr
	}
	base := cfg.Now
	if base == nil {
		base = time.Now
	}
	clock := &serverClock{base: base}
	now := clock.now
	s := &Server{
		clock: clock,
		cfg:   cfg,
		store: newStore(storeConfig{
			maxBytes:      cfg.MaxBytes,
			itemSizeMax:   cfg.ItemSizeMax,
			useCAS:        !cfg.DisableCAS,
			evictions:     !cfg.DisableEvict,
			initialMalloc: cfg.InitialMalloc,
			noModern:      cfg.NoModern,
			now:           now,
		}),
		conns:    make(map[*conn]struct{}),
		connMem:  newConnMemory(cfg.Threads, cfg.ReadBufMemLimit),
		fdsInUse: make(map[int]bool),
		fdsSeen:  make(map[int]bool),
		started:  now(),
		done:     make(chan struct{}),
	}
	s.watch = newWatchHub(s)
	s.verbosity.Store(int32(cfg.Verbosity))
	return s, nil
}

func (s *Server) now() time.Time { return s.clock.now() }

// tracing reports whether the verbose trace of level is enabled; hot
// paths check it first so that formatting arguments are not built.
func (s *Server) tracing(level int32) bool { return s.verbosity.Load() >= level }

// logf writes memcached's verbose trace when the verbosity allows it.
func (s *Server) logf(level int32, format string, args ...any) {
	if !s.tracing(level) {
		return
	}
	s.logMu.Lock()
	defer s.logMu.Unlock()
	fmt.Fprintf(s.cfg.Log, format, args...)
}

// Addrs returns the addresses of all listeners.
func (s *Server) Addrs() []net.Addr {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []net.Addr
	for _, l := range s.listeners {
		out = append(out, l.ln.Addr())
	}
	return out
}

// Close stops all listeners and connections and waits for them to end.
func (s *Server) Close() error {
	s.mu.Lock()
	if !s.closed {
		close(s.done)
	}
	s.closed = true
	for _, l := range s.listeners {
		l.ln.Close()
	}
	for c := range s.conns {
		c.nc.Close()
	}
	s.mu.Unlock()
	s.wg.Wait()
	s.background.Wait()
	if s.cfg.UnixSocket != "" {
		os.Remove(s.cfg.UnixSocket)
	}
	return nil
}

// WriteSlabClasses prints the slab class table the way memcached -vv does
// at start-up.
func (s *Server) WriteSlabClasses(w io.Writer) {
	for id := 1; id < len(s.store.slabs.classes); id++ {
		c := s.store.slabs.classes[id]
		fmt.Fprintf(w, "slab class %3d: chunk size %9d perslab %7d\n", id, c.size, c.perPage)
	}
}

// MaxBytes returns the current item memory limit: Config.MaxBytes, or the
// value of the last cache_memlimit command.
func (s *Server) MaxBytes() int64 { return s.store.maxBytes() }
