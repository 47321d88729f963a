package cacheserver

// pendingReserveMin is the value size from which a storage command's data
// block is charged against -m from the moment its command line is parsed,
// as memcached allocates the item from its slabs then. Below it the
// value's allocation is left uncounted until it is stored: that is at
// most this much per connection, and keeps the store lock off the
// small-set fast path.
const pendingReserveMin = 16 << 10

// reservePending charges a value still being received against the memory
// limit, evicting as a store would, and returns the charge to hand to
// store (storeRequest.reserved) or to releasePending. It fails when the
// memory is taken by other pending values or cannot be evicted (-M):
// memcached's "out of memory storing object".
func (s *storage) reservePending(nkey int, flags uint32, nvalue int) (int, bool) {
	ntotal := itemTotalSize(nkey, flags, nvalue, s.cfg.useCAS)
	clsid := s.slabs.classFor(ntotal, s.cfg.itemSizeMax)
	if clsid == 0 {
		return 0, false
	}
	cost := s.costFor(clsid, ntotal)
	s.mu.Lock()
	defer s.mu.Unlock()
	if !s.reserve(clsid, cost, s.current()) {
		s.counters.storeNoMemory++
		return 0, false
	}
	s.pending += int64(cost)
	return cost, true
}

// releasePending returns a charge whose value was never stored.
func (s *storage) releasePending(cost int) {
	if cost == 0 {
		return
	}
	s.mu.Lock()
	s.pending -= int64(cost)
	s.mu.Unlock()
}

// noMemory records a storage command refused for want of memory; a set
// also drops the key's current value, as memcached does so that a stale
// value does not outlive a failed set.
func (s *storage) noMemory(key string, dropExisting bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.dropFailedSet(key, dropExisting)
}
