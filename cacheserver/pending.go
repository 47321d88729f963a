package cacheserver

// pendingReserveMin is the value size from which a storage command's data
// block is charged against -m from the moment its command line is parsed,
// as memcached allocates the item from its slabs then. Below it the
// value's allocation is left uncounted until it is stored: that is at
// most this much per connection, and keeps the store lock off the
// small-set fast path.
const pendingReserveMin = 16 << 10

// pendingCharge is what a value still being received holds of the
// memory limit: chunks of its slab class, as the item memcached allocates
// when it parses the storage line. The zero value holds nothing.
type pendingCharge struct{ clsid, chunks int }

// pendingFor is the charge of a value of nvalue bytes stored under a key
// of nkey bytes with flags; ok is false when no class can hold it.
func (s *storage) pendingFor(nkey int, flags uint32, nvalue int) (p pendingCharge, ok bool) {
	ntotal := itemTotalSize(nkey, flags, nvalue, s.cfg.useCAS)
	clsid := s.slabs.classFor(ntotal, s.cfg.itemSizeMax)
	if clsid == 0 {
		return pendingCharge{}, false
	}
	return pendingCharge{clsid: clsid, chunks: s.slabs.chunks(ntotal)}, true
}

// pendingBytes is the memory p holds.
func (s *storage) pendingBytes(p pendingCharge) int64 {
	return int64(p.chunks) * int64(s.slabs.classes[p.clsid].size)
}

// reservePending charges a value still being received against the memory
// limit, evicting as a store would, and returns the charge to hand to
// store (storeRequest.reserved) or to releasePending. It fails when the
// memory is taken by other pending values or cannot be evicted (-M):
// memcached's "out of memory storing object".
func (s *storage) reservePending(nkey int, flags uint32, nvalue int) (pendingCharge, bool) {
	p, ok := s.pendingFor(nkey, flags, nvalue)
	if !ok {
		return pendingCharge{}, false
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if !s.reserve(p.clsid, p.chunks, s.current()) {
		s.counters.storeNoMemory++
		return pendingCharge{}, false
	}
	s.classMem[p.clsid].chunks += p.chunks
	s.pending += s.pendingBytes(p)
	return p, true
}

// releasePending returns a charge whose value was never stored.
func (s *storage) releasePending(p pendingCharge) {
	if p.chunks == 0 {
		return
	}
	s.mu.Lock()
	s.unchargePending(p)
	s.mu.Unlock()
}

// unchargePending gives the chunks of p back to their class; s.mu is held.
// store calls it just before it reserves the item's own chunks, so no
// other allocation can take them in between.
func (s *storage) unchargePending(p pendingCharge) {
	if p.chunks == 0 {
		return
	}
	s.classMem[p.clsid].chunks -= p.chunks
	s.pending -= s.pendingBytes(p)
}

// noMemory records a storage command refused for want of memory; a set
// also drops the key's current value, as memcached does so that a stale
// value does not outlive a failed set.
func (s *storage) noMemory(key string, dropExisting bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.dropFailedSet(key, dropExisting)
}
