package cacheserver

import "time"

// LRU maintenance: memcached's LRU maintainer thread walks the tails of
// its LRUs and reclaims expired and flushed items without any client
// activity, sleeping up to a second between runs when there is little to
// do. cacheserver runs the same kind of pass once a second of real time
// while it serves with the real clock; with Config.Now set, passes run
// only when FastForward or SetTime move the clock, so that tests see
// expired items go exactly when they ask. -o no_modern has no maintainer.

const (
	// maintainerInterval is the maintainer's longest sleep in memcached
	// (MAX_LRU_MAINTAINER_SLEEP, one second), which it reaches when idle.
	maintainerInterval = time.Second
	// maintainerScan bounds the items one pass looks at per class, as
	// memcached's juggle bounds its tail pulls, so a pass over a large
	// cache stays short under the store's lock.
	maintainerScan = 500
)

// maintain is one pass of the LRU maintainer over every slab class.
func (s *storage) maintain() {
	s.mu.Lock()
	defer s.mu.Unlock()
	now := s.current()
	for id := 1; id < len(s.lru); id++ {
		s.reclaimTail(id, maintainerScan, true, now)
	}
}

// startMaintainer runs the maintainer in the background until Close,
// once per server and only where memcached would run one on a real clock.
func (s *Server) startMaintainer() {
	if s.cfg.NoModern || s.cfg.Now != nil {
		return
	}
	s.maintainerOnce.Do(func() {
		s.mu.Lock()
		defer s.mu.Unlock()
		if s.closed {
			return
		}
		s.background.Add(1)
		go func() {
			defer s.background.Done()
			tick := time.NewTicker(maintainerInterval)
			defer tick.Stop()
			for {
				select {
				case <-s.done:
					return
				case <-tick.C:
					s.store.maintain()
				}
			}
		}()
	})
}
