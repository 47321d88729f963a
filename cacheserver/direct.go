package cacheserver

import (
	"errors"
	"sort"
	"time"
)

// The direct API: tests seed and inspect the cache from Go, through the
// same store the protocols use. memcached has no such path, so what it
// does to "stats" is cacheserver's own: Set counts in cmd_set (and per
// class, as a set command would) and Delete in delete_hits or
// delete_misses; Get, Keys and Dump read without touching statistics or
// the LRU, so inspecting the cache does not change what the code under
// test sees; Flush is flush_all without its cmd_flush count.

// Item is a cached item as the direct API shows it.
type Item struct {
	Key   string
	Value []byte
	Flags uint32
	CAS   uint64
	// Expiration is when the item expires; the zero time means never.
	Expiration time.Time
}

// Errors of Set.
var (
	ErrMalformedKey = errors.New("cacheserver: key longer than 250 bytes or with a space or control character")
	ErrTooLarge     = errors.New("cacheserver: item larger than the item size limit (-I)")
	ErrNoMemory     = errors.New("cacheserver: out of memory storing item")
)

// validKey reports whether key could be sent in a text command.
func validKey(key string) bool {
	if len(key) == 0 || len(key) > maxKeyLength {
		return false
	}
	for i := 0; i < len(key); i++ {
		if key[i] <= ' ' || key[i] == 0x7f {
			return false
		}
	}
	return true
}

// Set stores value under key as a "set" command would, expiring after
// ttl (0: never; memcached counts whole seconds, so ttl is rounded up).
func (s *Server) Set(key string, value []byte, flags uint32, ttl time.Duration) error {
	if !validKey(key) {
		return ErrMalformedKey
	}
	if ttl < 0 {
		return errors.New("cacheserver: negative ttl")
	}
	var exptime int64
	if ttl > 0 {
		secs := int64((ttl + time.Second - 1) / time.Second)
		if secs > relativeExpiryMax {
			// memcached reads larger exptimes as unix times.
			secs = s.now().Unix() + secs
		}
		exptime = s.store.realtime(int32(min(secs, 1<<31-1)))
	}
	res := s.store.store(storeRequest{mode: modeSet, key: key, value: append([]byte(nil), value...), flags: flags, exptime: exptime})
	switch res.status {
	case statusStored:
		return nil
	case statusTooLarge:
		return ErrTooLarge
	}
	return ErrNoMemory
}

// Get returns the live item stored under key.
func (s *Server) Get(key string) (Item, bool) {
	v, ok := s.store.peek(key)
	if !ok {
		return Item{}, false
	}
	return s.itemOf(&v), true
}

// Delete removes key, reporting whether it was there.
func (s *Server) Delete(key string) bool {
	found, _ := s.store.remove(key, false, 0)
	return found
}

// Keys returns the keys of all live items, sorted.
func (s *Server) Keys() []string {
	items := s.Dump()
	keys := make([]string, len(items))
	for i, it := range items {
		keys[i] = it.Key
	}
	return keys
}

// Dump returns all live items, sorted by key.
func (s *Server) Dump() []Item {
	views := s.store.liveItems()
	out := make([]Item, len(views))
	for i := range views {
		out[i] = s.itemOf(&views[i])
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Key < out[j].Key })
	return out
}

// Flush invalidates every item, as flush_all does.
func (s *Server) Flush() { s.store.flush(0) }

func (s *Server) itemOf(v *itemView) Item {
	it := Item{Key: v.key(), Value: append([]byte(nil), v.value()...), Flags: v.flags, CAS: v.cas}
	if v.exptime != 0 {
		it.Expiration = time.Unix(s.store.absolute(int64(v.exptime)), 0)
	}
	return it
}

// liveItems returns a view of every item that is neither expired nor
// flushed, leaving dead ones for the lookups and the maintainer.
func (s *storage) liveItems() []itemView {
	s.mu.Lock()
	defer s.mu.Unlock()
	now := s.current()
	views := make([]itemView, 0, s.items.len())
	s.items.each(func(it *item) {
		if !s.isDead(it, now) {
			views = append(views, viewOf(it))
		}
	})
	return views
}
