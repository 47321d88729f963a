package cacheserver

import (
	"fmt"
	"strconv"
)

// counterSnapshot is a consistent copy of the store's statistics.
type counterSnapshot struct {
	storeCounters
	getHits, cmdSet, deleteHits, incrHits, decrHits uint64
	casHits, casBadval, touchHits, movesToCold      uint64
	bytes, currItems                                uint64
}

func (s *storage) snapshotCounters() counterSnapshot {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := counterSnapshot{storeCounters: s.counters, bytes: uint64(s.usedBytes), currItems: uint64(s.items.len())}
	for _, cs := range s.classStats {
		out.getHits += cs.getHits
		out.cmdSet += cs.cmdSet
		out.deleteHits += cs.deleteHits
		out.incrHits += cs.incrHits
		out.decrHits += cs.decrHits
		out.casHits += cs.casHits
		out.casBadval += cs.casBadval
		out.touchHits += cs.touchHits
		out.movesToCold += cs.movesToCold
	}
	return out
}

func (s *storage) maxBytes() int64 {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.cfg.maxBytes
}

// resetStats is "stats reset": counters restart, items stay.
func (s *storage) resetStats() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.counters = storeCounters{}
	for i := range s.classStats {
		s.classStats[i] = classCounters{}
	}
}

// itemStats renders "stats items" for every class holding items.
func (s *storage) itemStats(w statsSink) {
	s.mu.Lock()
	defer s.mu.Unlock()
	now := s.current()
	for id := 1; id < len(s.lru); id++ {
		l := &s.lru[id]
		if l.n == 0 {
			continue
		}
		cs := &s.classStats[id]
		var requested int64
		for it := l.head; it != nil; it = it.next {
			requested += int64(it.ntotal())
		}
		p := "items:" + strconv.Itoa(id) + ":"
		w.add(p+"number", l.n)
		w.add(p+"number_hot", 0)
		w.add(p+"number_warm", 0)
		w.add(p+"number_cold", l.n)
		w.add(p+"age_hot", 0)
		w.add(p+"age_warm", 0)
		w.add(p+"age", now-int64(l.tail.time))
		w.add(p+"mem_requested", requested)
		w.add(p+"evicted", cs.evicted)
		w.add(p+"evicted_nonzero", cs.evictedNonzero)
		w.add(p+"evicted_time", cs.evictedTime)
		w.add(p+"outofmemory", cs.outOfMemory)
		w.add(p+"tailrepairs", 0)
		w.add(p+"reclaimed", cs.reclaimed)
		w.add(p+"expired_unfetched", cs.expiredUnfetched)
		w.add(p+"evicted_unfetched", cs.evictedUnfetched)
		w.add(p+"evicted_active", 0)
		w.add(p+"crawler_reclaimed", 0)
		w.add(p+"crawler_items_checked", 0)
		w.add(p+"lrutail_reflocked", 0)
		w.add(p+"moves_to_cold", cs.movesToCold)
		w.add(p+"moves_to_warm", 0)
		w.add(p+"moves_within_lru", 0)
		w.add(p+"direct_reclaims", 0)
		w.add(p+"hits_to_hot", 0)
		w.add(p+"hits_to_warm", 0)
		w.add(p+"hits_to_cold", cs.getHits)
		w.add(p+"hits_to_temp", 0)
	}
}

// slabStats renders "stats slabs" for every class that ever got a page.
func (s *storage) slabStats(w statsSink) {
	s.mu.Lock()
	defer s.mu.Unlock()
	active := 0
	for id := 1; id < len(s.classStats); id++ {
		cs, m := &s.classStats[id], s.classMem[id]
		if m.pages == 0 {
			continue
		}
		active++
		sc := s.slabs.classes[id]
		total := m.pages * sc.perPage
		used := m.chunks
		p := strconv.Itoa(id) + ":"
		w.add(p+"chunk_size", sc.size)
		w.add(p+"chunks_per_page", sc.perPage)
		w.add(p+"total_pages", m.pages)
		w.add(p+"total_chunks", total)
		w.add(p+"used_chunks", used)
		w.add(p+"free_chunks", total-used)
		w.add(p+"free_chunks_end", 0)
		w.add(p+"get_hits", cs.getHits)
		w.add(p+"cmd_set", cs.cmdSet)
		w.add(p+"delete_hits", cs.deleteHits)
		w.add(p+"incr_hits", cs.incrHits)
		w.add(p+"decr_hits", cs.decrHits)
		w.add(p+"cas_hits", cs.casHits)
		w.add(p+"cas_badval", cs.casBadval)
		w.add(p+"touch_hits", cs.touchHits)
	}
	w.add("active_slabs", active)
	w.add("total_malloced", s.malloced)
}

// cachedump is "stats cachedump <class> <limit>": keys of one class,
// most recent first, capped at 2 MiB like memcached.
func (s *storage) cachedump(clsid, limit int) []byte {
	s.mu.Lock()
	defer s.mu.Unlock()
	var b []byte
	if clsid < len(s.lru) {
		shown := 0
		for it := s.lru[clsid].head; it != nil && (limit == 0 || shown < limit); it = it.next {
			exp := int64(0)
			if it.exptime != 0 {
				exp = s.absolute(int64(it.exptime))
			}
			line := fmt.Sprintf("ITEM %s [%d b; %d s]\r\n", it.key(), len(it.value()), exp)
			if len(b)+len(line) > 2<<20-6 {
				break
			}
			b = append(b, line...)
			shown++
		}
	}
	return append(b, "END\r\n"...)
}
