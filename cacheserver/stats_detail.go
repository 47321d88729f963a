package cacheserver

import (
	"bytes"
	"fmt"
	"sync"
	"sync/atomic"
)

// Per-prefix statistics ("stats detail on|off|dump", memcached's
// stats_prefix.c): while enabled, gets (and their hits), storage commands
// and deletes of the text and binary protocols are counted per key
// prefix, the part of a key before its first ':'. Keys without one are
// not counted; meta commands, arithmetic and touch never are.

const (
	prefixDelimiter   = ':' // settings.prefix_delimiter (-D), shown as stat_key_prefix
	prefixHashBuckets = 256 // PREFIX_HASH_SIZE
)

// prefixCounter is one prefix's counts.
type prefixCounter struct {
	prefix                    string
	gets, hits, sets, deletes uint64
}

// prefixStats is the table of prefixes: hash buckets, newest first in
// each, so that a dump lists them in memcached's order.
type prefixStats struct {
	enabled atomic.Bool
	mu      sync.Mutex
	buckets [prefixHashBuckets][]*prefixCounter
}

// find returns the counter for key's prefix, creating it, or nil when
// key has no delimiter before its end or a NUL byte.
func (p *prefixStats) find(key []byte) *prefixCounter {
	n := bytes.IndexByte(key, prefixDelimiter)
	if z := bytes.IndexByte(key, 0); n < 0 || (z >= 0 && z < n) {
		return nil
	}
	prefix := key[:n]
	b := &p.buckets[murmur3(prefix)%prefixHashBuckets]
	for _, pc := range *b {
		// memcached compares with strncmp over the new prefix's length,
		// so a longer prefix that starts with it matches too.
		if len(pc.prefix) >= n && pc.prefix[:n] == string(prefix) {
			return pc
		}
	}
	pc := &prefixCounter{prefix: string(prefix)}
	*b = append([]*prefixCounter{pc}, *b...)
	return pc
}

// recordGet counts a get of key, a hit if found.
func (p *prefixStats) recordGet(key []byte, found bool) {
	p.record(key, func(pc *prefixCounter) {
		pc.gets++
		if found {
			pc.hits++
		}
	})
}

// recordSet counts a storage command on key.
func (p *prefixStats) recordSet(key []byte) {
	p.record(key, func(pc *prefixCounter) { pc.sets++ })
}

// recordDelete counts a delete of key.
func (p *prefixStats) recordDelete(key []byte) {
	p.record(key, func(pc *prefixCounter) { pc.deletes++ })
}

// record applies count to key's prefix while counting is enabled.
func (p *prefixStats) record(key []byte, count func(*prefixCounter)) {
	if !p.enabled.Load() {
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	if pc := p.find(key); pc != nil {
		count(pc)
	}
}

// clear forgets every prefix ("stats reset").
func (p *prefixStats) clear() {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.buckets = [prefixHashBuckets][]*prefixCounter{}
}

// dump renders "stats detail dump": a PREFIX line per prefix, then END.
func (p *prefixStats) dump() []byte {
	p.mu.Lock()
	defer p.mu.Unlock()
	var b []byte
	for _, bucket := range p.buckets {
		for _, pc := range bucket {
			b = fmt.Appendf(b, "PREFIX %s get %d hit %d set %d del %d\r\n", pc.prefix, pc.gets, pc.hits, pc.sets, pc.deletes)
		}
	}
	return append(b, "END\r\n"...)
}
