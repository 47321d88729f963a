package cacheserver

import (
	"strconv"
	"sync"
	"time"
)

// storeMode is the storage command family (memcached's NREAD_* values).
type storeMode int

const (
	modeSet storeMode = iota
	modeAdd
	modeReplace
	modeAppend
	modePrepend
	modeCAS
)

func (m storeMode) String() string {
	return [...]string{"set", "add", "replace", "append", "prepend", "cas"}[m]
}

// storeStatus is the outcome of a storage command.
type storeStatus int

const (
	statusStored storeStatus = iota
	statusNotStored
	statusExists
	statusNotFound
	statusTooLarge
	statusNoMemory
)

// lookupStatus tells why a lookup found nothing.
type lookupStatus int

const (
	lookupHit lookupStatus = iota
	lookupMiss
	lookupExpired
	lookupFlushed
)

// deltaStatus is the outcome of incr/decr (memcached's delta_result_type).
type deltaStatus int

const (
	deltaOK deltaStatus = iota
	deltaNonNumeric
	deltaNotFound
	deltaCASMismatch
	deltaNoMemory
)

// storeConfig holds the storage limits taken from the server Config.
type storeConfig struct {
	maxBytes    int64
	itemSizeMax int
	useCAS      bool
	evictions   bool
	// initialMalloc is where the count of allocated page memory starts
	// (memcached's T_MEMD_INITIAL_MALLOC).
	initialMalloc int64
	// noModern reclaims dead items from a class's tail before each
	// allocation (memcached -o no_modern) and keeps 1 MiB chunks.
	noModern bool
	now      func() time.Time
}

// classCounters are memcached's per-slab-class statistics.
type classCounters struct {
	getHits, cmdSet, deleteHits, incrHits, decrHits uint64
	casHits, casBadval, touchHits                   uint64
	evicted, evictedNonzero, outOfMemory, reclaimed uint64
	expiredUnfetched, evictedUnfetched, movesToCold uint64
	evictedTime                                     int64
}

// classMemory is the memory of one slab class: pages are taken from the
// memory limit as the class needs them and never given back, and chunks
// are the ones its items occupy.
type classMemory struct {
	pages, chunks int
}

// storeCounters are the global item statistics kept by the store.
type storeCounters struct {
	getMisses, getExpired, getFlushed              uint64
	deleteMisses, incrMisses, decrMisses           uint64
	casMisses, touchMisses, totalItems             uint64
	evictions, reclaimed, expiredUnfetched         uint64
	evictedUnfetched, storeTooLarge, storeNoMemory uint64
}

// storage is the in-memory item table: a hash table (itemTable) for lookups
// plus one LRU list per slab class for eviction and dumps, bounded by
// maxBytes. A single mutex guards it; see BenchmarkStoreParallel for why
// that is enough here.
type storage struct {
	cfg   storeConfig
	slabs *slabTable

	// processStarted is the unix time memcached's relative clock counts
	// from; like memcached it lies 62 seconds before the real start.
	processStarted int64

	mu         sync.Mutex
	items      itemTable
	lru        []lruList
	classStats []classCounters
	classMem   []classMemory
	counters   storeCounters
	// malloced is memcached's mem_malloced: the page memory handed to
	// slab classes, which -m bounds.
	malloced   int64
	pending    int64 // bytes of the chunks values still being received hold (reservePending)
	usedBytes  int64 // sum of ntotal, memcached's "bytes" stat
	lastCAS    uint64
	linkSeq    uint64
	oldestLive int64
	oldestCAS  uint64
}

func newStore(cfg storeConfig) *storage {
	if cfg.now == nil {
		cfg.now = time.Now
	}
	slabs := newSlabTable(cfg.itemSizeMax, cfg.noModern)
	return &storage{
		malloced:       cfg.initialMalloc,
		cfg:            cfg,
		slabs:          slabs,
		processStarted: cfg.now().Unix() - itemUpdatePeriod - 2,
		items:          newItemTable(),
		lru:            make([]lruList, len(slabs.classes)),
		classStats:     make([]classCounters, len(slabs.classes)),
		classMem:       make([]classMemory, len(slabs.classes)),
	}
}

// current is memcached's current_time: seconds since processStarted.
func (s *storage) current() int64 { return s.cfg.now().Unix() - s.processStarted }

// absolute converts a server-relative time to unix time.
func (s *storage) absolute(rel int64) int64 { return rel + s.processStarted }

// realtime converts a client exptime (already truncated to int32 as
// memcached's safe_strtol does) into server-relative time: 0 stays 0,
// negative values expire immediately, values up to 30 days are relative
// and larger ones are absolute unix times.
func (s *storage) realtime(exptime int32) int64 {
	e := int64(exptime)
	if e < 0 {
		e = relativeExpiryMax + 1 // EXPTIME_TO_POSITIVE_TIME
	}
	if e == 0 {
		return 0
	}
	if e > relativeExpiryMax {
		if e <= s.processStarted {
			return 1
		}
		return e - s.processStarted
	}
	return e + s.current()
}

// itemSizeOK reports whether a value of nvalue bytes fits under -I.
func (s *storage) itemSizeOK(nkey int, flags uint32, nvalue int) bool {
	n := itemTotalSize(nkey, flags, nvalue, s.cfg.useCAS)
	return s.slabs.classFor(n, s.cfg.itemSizeMax) != 0
}

func (s *storage) nextCAS() uint64 {
	s.lastCAS++
	return s.lastCAS
}

func (s *storage) isFlushed(it *item, now int64) bool {
	if s.oldestLive == 0 || s.oldestLive > now {
		return false
	}
	return int64(it.time) <= s.oldestLive || (s.oldestCAS != 0 && it.cas != 0 && it.cas < s.oldestCAS)
}

func (s *storage) isDead(it *item, now int64) bool {
	return (it.exptime != 0 && int64(it.exptime) <= now) || s.isFlushed(it, now)
}

// lookup finds a live item, lazily unlinking expired or flushed ones (do_item_get).
func (s *storage) lookup(key string, now int64) (*item, lookupStatus) {
	it := s.items.get(key)
	if it == nil {
		return nil, lookupMiss
	}
	if s.isFlushed(it, now) {
		s.unlink(it)
		s.counters.getFlushed++
		return nil, lookupFlushed
	}
	if it.exptime != 0 && int64(it.exptime) <= now {
		s.unlink(it)
		s.counters.getExpired++
		if !it.has(itemFetched) {
			s.counters.expiredUnfetched++
			s.classStats[it.clsid].expiredUnfetched++
		}
		return nil, lookupExpired
	}
	return it, lookupHit
}

// bump records a fetch the way memcached's segmented LRU does: the first
// hit only marks the item fetched, later hits refresh its access time.
func (s *storage) bump(it *item, now int64) {
	if !it.has(itemFetched) {
		it.set(itemFetched, true)
		return
	}
	if int64(it.time) < now {
		it.time = int32(now)
		s.lru[it.clsid].moveToHead(it)
	}
}

func (s *storage) unlink(it *item) {
	key := it.key()
	if s.items.get(key) != it {
		return
	}
	s.items.remove(key)
	s.lru[it.clsid].remove(it)
	s.classMem[it.clsid].chunks -= s.slabs.chunks(it.ntotal())
	s.usedBytes -= int64(it.ntotal())
}

// newItem builds an unlinked item holding key and value, or returns nil
// when it exceeds -I.
func (s *storage) newItem(key string, value []byte, flags uint32, exptime int64) *item {
	if len(key) > 255 {
		return nil
	}
	return s.initItem(newItemData(key, value), flags, exptime)
}

// initItem sets up the header of it, fresh from allocItem and filled, or
// returns nil when it exceeds -I.
func (s *storage) initItem(it *item, flags uint32, exptime int64) *item {
	ntotal := itemTotalSize(int(it.nkey), flags, int(it.nvalue), s.cfg.useCAS)
	clsid := s.slabs.classFor(ntotal, s.cfg.itemSizeMax)
	if clsid == 0 {
		return nil
	}
	it.flags = flags
	it.exptime = int32(exptime)
	it.clsid = uint8(clsid)
	it.set(itemHasCAS, s.cfg.useCAS)
	return it
}

// reserve makes room for chunks chunks of class clsid the way memcached's
// do_item_alloc_pull does: free chunks of the class first, then a new
// page while the memory limit allows one (a class's first page always
// fits, as in do_slabs_newslab), then the class's LRU tail, reclaiming
// dead items and evicting live ones. Items of other classes are never
// touched: memcached moves pages between classes only slowly, in its
// slab automover, which is not emulated.
func (s *storage) reserve(clsid, chunks int, now int64) bool {
	m := &s.classMem[clsid]
	perPage := s.slabs.classes[clsid].perPage
	for m.chunks+chunks > m.pages*perPage {
		if m.pages == 0 || s.malloced+slabPageSize <= s.cfg.maxBytes {
			m.pages++
			s.malloced += slabPageSize
			continue
		}
		victim := s.lru[clsid].tail
		cs := &s.classStats[clsid]
		switch {
		case victim == nil:
			cs.outOfMemory++
			return false
		case s.isDead(victim, now):
			s.reclaim(victim)
			continue
		case !s.cfg.evictions:
			cs.outOfMemory++
			return false
		}
		s.counters.evictions++
		cs.evicted++
		if victim.exptime != 0 {
			cs.evictedNonzero++
		}
		cs.evictedTime = now - int64(victim.time)
		if !victim.has(itemFetched) {
			s.counters.evictedUnfetched++
			cs.evictedUnfetched++
		}
		s.unlink(victim)
	}
	return true
}

// reclaim unlinks an expired or flushed item found by a tail scan.
func (s *storage) reclaim(it *item) {
	cs := &s.classStats[it.clsid]
	s.counters.reclaimed++
	cs.reclaimed++
	if !it.has(itemFetched) {
		s.counters.expiredUnfetched++
		cs.expiredUnfetched++
	}
	s.unlink(it)
}

// reclaimTail is lru_pull_tail without eviction: up to limit items from
// the tail of class clsid are looked at, expired or flushed ones
// reclaimed, and the first live one ends the scan unless skipLive.
// -o no_modern runs it (limit 5) before every allocation; the LRU
// maintainer runs it with skipLive over every class.
func (s *storage) reclaimTail(clsid, limit int, skipLive bool, now int64) {
	for it := s.lru[clsid].tail; it != nil && limit > 0; limit-- {
		prev := it.prev
		// Unlike a lookup, the tail scan spares items expiring this second.
		if (it.exptime != 0 && int64(it.exptime) < now) || s.isFlushed(it, now) {
			s.reclaim(it)
		} else if !skipLive {
			return
		}
		it = prev
	}
}

// replace puts nit, a fresh item with old's key and value length, in the
// place of the linked item old: same header, table slot and LRU position.
func (s *storage) replace(old, nit *item) {
	external := nit.has(itemExternal)
	*nit = *old
	nit.set(itemExternal, external)
	l := &s.lru[old.clsid]
	if nit.prev != nil {
		nit.prev.next = nit
	} else {
		l.head = nit
	}
	if nit.next != nil {
		nit.next.prev = nit
	} else {
		l.tail = nit
	}
	old.prev, old.next = nil, nil
	s.items.put(nit)
}

// link installs it (replacing old, if any) and assigns a new CAS unique.
func (s *storage) link(it, old *item, now int64) bool {
	if old != nil {
		s.unlink(old)
	}
	if s.cfg.noModern {
		s.reclaimTail(int(it.clsid), 5, false, now)
	}
	if !s.reserve(int(it.clsid), s.slabs.chunks(it.ntotal()), now) {
		s.counters.storeNoMemory++
		return false
	}
	it.time = int32(now)
	if s.cfg.useCAS {
		it.cas = s.nextCAS()
	}
	s.linkSeq++
	it.setLinkSeq(s.linkSeq)
	s.items.put(it)
	s.lru[it.clsid].pushHead(it)
	s.classMem[it.clsid].chunks += s.slabs.chunks(it.ntotal())
	s.usedBytes += int64(it.ntotal())
	s.counters.totalItems++
	s.classStats[it.clsid].movesToCold++
	return true
}

// storeRequest is one storage command after its data block was read.
type storeRequest struct {
	mode  storeMode
	key   string
	value []byte
	// it, when not nil, is a fresh item from allocItem holding key and
	// value (value is then it.value()), which the store may keep.
	it        *item
	flags     uint32
	exptime   int64 // server-relative
	cas       uint64
	binaryKey bool
	// reserved is the reservePending charge of the value, which the store
	// takes back before charging the item itself.
	reserved pendingCharge
	// setStale is ms's I flag on a CAS store: a CAS older than the
	// item's stores the value as stale instead of failing.
	setStale bool
}

// storeResult reports what a storage command did.
type storeResult struct {
	status   storeStatus
	cas      uint64 // CAS of the stored item
	oldFound bool   // the internal lookup found an item (for watch logs)
	clsid    int
	size     int
}

// store runs memcached's do_store_item.
func (s *storage) store(req storeRequest) storeResult {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.unchargePending(req.reserved)
	now := s.current()
	var it *item
	if req.it != nil {
		it = s.initItem(req.it, req.flags, req.exptime)
	} else {
		it = s.newItem(req.key, req.value, req.flags, req.exptime)
	}
	if it == nil {
		s.counters.storeTooLarge++
		return storeResult{status: statusTooLarge}
	}
	it.set(itemBinaryKey, req.binaryKey)
	if s.cfg.noModern {
		// memcached allocates, and so reclaims, before it looks the key up.
		s.reclaimTail(int(it.clsid), 5, false, now)
	}
	s.classStats[it.clsid].cmdSet++
	res := storeResult{status: statusNotStored, clsid: int(it.clsid), size: len(req.value)}
	old, _ := s.lookup(req.key, now)
	res.oldFound = old != nil
	switch {
	case old != nil && req.mode == modeAdd:
		if int64(old.time) < now-itemUpdatePeriod {
			old.time = int32(now)
			s.lru[old.clsid].moveToHead(old)
		}
		return res
	case old == nil && (req.mode == modeReplace || req.mode == modeAppend || req.mode == modePrepend):
		return res
	case req.mode == modeCAS:
		if old == nil {
			s.counters.casMisses++
			res.status = statusNotFound
			return res
		}
		switch {
		case req.cas == old.cas:
		case req.setStale && req.cas < old.cas:
			// The stale value keeps the item's TTL and whether a
			// client already won the right to recache it.
			it.exptime = old.exptime
			it.set(itemStale, true)
			it.set(itemTokenSent, old.has(itemTokenSent))
		default:
			s.classStats[old.clsid].casBadval++
			res.status = statusExists
			return res
		}
		s.classStats[old.clsid].casHits++
	case req.mode == modeAppend || req.mode == modePrepend:
		if req.cas != 0 && req.cas != old.cas {
			res.status = statusExists
			return res
		}
		joined := allocItem(len(req.key), int(old.nvalue)+len(req.value))
		b := joined.buf()[copy(joined.buf(), req.key):]
		if req.mode == modeAppend {
			copy(b[copy(b, old.value()):], req.value)
		} else {
			copy(b[copy(b, req.value):], old.value())
		}
		it = s.initItem(joined, old.flags, int64(old.exptime))
		if it == nil {
			return res
		}
		it.set(itemBinaryKey, old.has(itemBinaryKey))
	}
	if !s.link(it, old, now) {
		res.status = statusNoMemory
		return res
	}
	res.status = statusStored
	res.cas = it.cas
	res.clsid = int(it.clsid)
	res.size = int(it.nvalue)
	return res
}

// get looks key up for a retrieval command. With touch it also sets a new
// expiry time (gat/touch); with update it records the fetch in the LRU.
func (s *storage) get(key string, update, touch bool, exptime int64) (itemView, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	now := s.current()
	it, _ := s.lookup(key, now)
	if it == nil {
		if touch {
			s.counters.touchMisses++
		} else {
			s.counters.getMisses++
		}
		return itemView{}, false
	}
	if touch {
		it.exptime = int32(exptime)
		s.classStats[it.clsid].touchHits++
	} else {
		s.classStats[it.clsid].getHits++
	}
	snapshot := viewOf(it)
	if update {
		s.bump(it, now)
	}
	return snapshot, true
}

// peek returns an item without touching statistics or the LRU (me, mg u).
func (s *storage) peek(key string) (itemView, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	it, _ := s.lookup(key, s.current())
	if it == nil {
		return itemView{}, false
	}
	return viewOf(it), true
}

// metaGetOptions carries the mg flags that change the stored item.
type metaGetOptions struct {
	noUpdate   bool
	setTTL     bool
	ttl        int64
	vivify     bool
	vivifyTTL  int64
	recache    bool
	recacheTTL int64
	binaryKey  bool
}

// metaGetResult is an mg lookup: the item state before this request's
// LRU update plus the win/stale markers memcached's mg reports.
type metaGetResult struct {
	it      itemView
	found   bool
	created bool
	won     bool
}

// metaGet implements the storage side of mg, including autovivify (N),
// TTL update (T) and recache (R) tokens.
func (s *storage) metaGet(key string, o metaGetOptions) metaGetResult {
	s.mu.Lock()
	defer s.mu.Unlock()
	now := s.current()
	it, _ := s.lookup(key, now)
	var r metaGetResult
	if it == nil && o.vivify {
		it = s.newItem(key, nil, 0, 0)
		if it != nil {
			it.set(itemBinaryKey, o.binaryKey)
			if !s.link(it, nil, now) {
				it = nil
			} else {
				r.created = true
			}
		}
	}
	if it == nil {
		if o.setTTL {
			s.counters.touchMisses++
		} else {
			s.counters.getMisses++
		}
		return r
	}
	r.found = true
	if o.setTTL {
		it.exptime = int32(o.ttl)
		s.classStats[it.clsid].touchHits++
	} else {
		s.classStats[it.clsid].getHits++
	}
	if r.created {
		it.exptime = int32(o.vivifyTTL)
		r.won = true
	}
	if o.recache && !it.has(itemTokenSent) && !r.created && it.exptime != 0 && int64(it.exptime) < o.recacheTTL {
		r.won = true
	}
	if it.has(itemStale) && !it.has(itemTokenSent) {
		r.won = true
	}
	r.it = viewOf(it)
	if r.won {
		it.set(itemTokenSent, true)
	}
	if !o.noUpdate {
		s.bump(it, now)
	}
	return r
}

// remove deletes key; with checkCAS only when its CAS unique matches.
func (s *storage) remove(key string, checkCAS bool, cas uint64) (found, casOK bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	it, _ := s.lookup(key, s.current())
	if it == nil {
		s.counters.deleteMisses++
		return false, false
	}
	if checkCAS && it.cas != cas {
		s.counters.deleteMisses++
		return true, false
	}
	s.classStats[it.clsid].deleteHits++
	s.unlink(it)
	return true, true
}

// markStale implements "md <key> I": keep the item but mark it stale.
func (s *storage) markStale(key string, checkCAS bool, cas uint64, setTTL bool, ttl int64) (found, casOK bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	it, _ := s.lookup(key, s.current())
	if it == nil {
		s.counters.deleteMisses++
		return false, false
	}
	if checkCAS && it.cas != cas {
		s.counters.deleteMisses++
		return true, false
	}
	if setTTL {
		it.exptime = int32(ttl)
	}
	it.set(itemStale, true)
	it.set(itemTokenSent, false)
	if s.cfg.useCAS {
		it.cas = s.nextCAS()
	}
	return true, true
}

// touch sets a new expiry time (memcached's item_touch).
func (s *storage) touch(key string, exptime int64) (itemView, bool) {
	return s.get(key, true, true, exptime)
}

// deltaRequest is an incr/decr (or ma) request.
type deltaRequest struct {
	key       string
	incr      bool
	delta     uint64
	cas       uint64 // 0 = no CAS check
	vivify    bool   // ma N: create with initial when missing
	initial   uint64
	vivifyTTL int64
	setTTL    bool // ma T: new expiry for the resulting item
	ttl       int64
}

// deltaResult reports the new value and item state after incr/decr.
type deltaResult struct {
	status  deltaStatus
	value   string
	it      itemView
	created bool
}

// applyDelta runs memcached's do_add_delta: the stored value must parse as
// an unsigned 64-bit decimal; incr wraps, decr stops at zero. A result that
// fits in the old length is written "in place", right-padded with spaces.
func (s *storage) applyDelta(req deltaRequest) deltaResult {
	s.mu.Lock()
	defer s.mu.Unlock()
	now := s.current()
	it, _ := s.lookup(req.key, now)
	if it == nil {
		if req.vivify {
			v := strconv.FormatUint(req.initial, 10)
			nit := s.newItem(req.key, []byte(v), 0, req.vivifyTTL)
			if nit == nil || !s.link(nit, nil, now) {
				return deltaResult{status: deltaNoMemory}
			}
			if req.setTTL {
				nit.exptime = int32(req.ttl)
			}
			return deltaResult{status: deltaOK, value: v, it: viewOf(nit), created: true}
		}
		if req.incr {
			s.counters.incrMisses++
		} else {
			s.counters.decrMisses++
		}
		return deltaResult{status: deltaNotFound}
	}
	if it.nvalue == 0 {
		return deltaResult{status: deltaNonNumeric}
	}
	if req.cas != 0 && req.cas != it.cas {
		return deltaResult{status: deltaCASMismatch}
	}
	// The stored data is followed by "\r\n", which ends strtoull's number.
	old := it.value()
	cur, ok := parseUint64(append(old[:len(old):len(old)], '\r'))
	if !ok {
		return deltaResult{status: deltaNonNumeric}
	}
	if req.incr {
		cur += req.delta
		s.classStats[it.clsid].incrHits++
	} else {
		if req.delta > cur {
			cur = 0
		} else {
			cur -= req.delta
		}
		s.classStats[it.clsid].decrHits++
	}
	v := strconv.FormatUint(cur, 10)
	if len(v) <= len(old) {
		padded := allocItem(int(it.nkey), len(old))
		b := padded.buf()[copy(padded.buf(), it.key()):]
		for i := copy(b, v); i < len(b); i++ {
			b[i] = ' '
		}
		// The item keeps its place in the table and the LRU, only with
		// the new data, so a fresh item with the same header takes it.
		s.replace(it, padded)
		it = padded
		if s.cfg.useCAS {
			it.cas = s.nextCAS()
		}
		if req.setTTL {
			it.exptime = int32(req.ttl)
		}
		return deltaResult{status: deltaOK, value: v, it: viewOf(it)}
	}
	nit := s.newItem(it.key(), []byte(v), it.flags, int64(it.exptime))
	if nit == nil || !s.link(nit, it, now) {
		return deltaResult{status: deltaNoMemory}
	}
	nit.set(itemBinaryKey, it.has(itemBinaryKey))
	if req.setTTL {
		nit.exptime = int32(req.ttl)
	}
	return deltaResult{status: deltaOK, value: v, it: viewOf(nit)}
}

// flush implements flush_all [delay] (process_flush_all_command).
func (s *storage) flush(delay int32) {
	s.mu.Lock()
	defer s.mu.Unlock()
	newOldest := s.current()
	if delay > 0 {
		newOldest = s.realtime(delay)
	}
	if s.cfg.useCAS {
		s.oldestLive = newOldest - 1
		if s.oldestLive <= s.current() {
			s.oldestCAS = s.nextCAS()
		}
	} else {
		s.oldestLive = newOldest
	}
}

// tooLarge records a rejected oversized store. For set it also drops any
// existing item of that key so a stale value does not survive (D9).
func (s *storage) tooLarge(key string, dropExisting bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.counters.storeTooLarge++
	s.dropFailedSet(key, dropExisting)
}

// dropFailedSet unlinks key's item after a failed set (dropExisting).
func (s *storage) dropFailedSet(key string, dropExisting bool) {
	if !dropExisting {
		return
	}
	if it, _ := s.lookup(key, s.current()); it != nil {
		s.unlink(it)
	}
}

// setMaxBytes changes the memory limit (cache_memlimit). As in memcached,
// pages already allocated stay: a lower limit only stops new ones.
func (s *storage) setMaxBytes(n int64) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.cfg.maxBytes = n
}
