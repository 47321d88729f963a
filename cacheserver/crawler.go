package cacheserver

import (
	"fmt"
	"sort"
	"strings"
)

// processLRUCrawler serves the "lru_crawler" family; metadump lists every
// key with its metadata, so it is a dump command (-X, hardened).
func (c *conn) processLRUCrawler(t *tokenLine) {
	n := t.ntokens()
	sub := string(t.arg(1))
	switch {
	case n == 4 && sub == "crawl":
		if _, ok := c.srv.store.crawlClasses(string(t.tokens[2])); !ok {
			c.outString("BADCLASS invalid class id")
			return
		}
		if c.srv.crawlerBusy.Load() {
			c.outString("BUSY currently processing crawler request")
			return
		}
		c.srv.store.reclaimDead()
		c.outString("OK")
	case n == 4 && sub == "metadump":
		if c.srv.cfg.DisableDump {
			c.outString("ERROR metadump not allowed")
			return
		}
		if c.stacked {
			c.outString("ERROR cannot pipeline other commands before metadump")
			return
		}
		if _, ok := c.srv.store.crawlClasses(string(t.tokens[2])); !ok {
			c.outString("BADCLASS invalid class id")
			return
		}
		// memcached's one crawler thread serves one dump at a time.
		if !c.srv.crawlerBusy.CompareAndSwap(false, true) {
			c.outString("BUSY currently processing crawler request")
			return
		}
		err := c.streamMetadump(string(t.tokens[2]))
		c.srv.crawlerBusy.Store(false)
		if err != nil {
			c.closeAfterPipeline = true
			c.pipelineOutput = outMark{}
			return
		}
		// memcached hands the connection to its crawler thread; commands
		// pipelined behind the dump run but their replies are lost and
		// the connection is closed.
		c.closeAfterPipeline = c.r < c.w
		c.pipelineOutput = c.outMark()
	case n == 4 && (sub == "tocrawl" || sub == "sleep"):
		v, ok := parseUint32(t.tokens[2])
		switch {
		case !ok:
			c.outString("CLIENT_ERROR bad command line format")
		case sub == "sleep" && v > 1000000:
			c.outString("CLIENT_ERROR sleep must be one second or less")
		default:
			c.outString("OK")
		}
	// memcached stops its crawler thread asynchronously, so a disable
	// does not affect the commands that follow it right away.
	case n == 3 && sub == "enable":
		if c.srv.crawlerDisabled.CompareAndSwap(true, false) {
			c.outString("OK")
		} else {
			c.outString("ERROR failed to start lru crawler thread")
		}
	case n == 3 && sub == "disable":
		if c.srv.crawlerDisabled.CompareAndSwap(false, true) {
			c.outString("OK")
		} else {
			c.outString("ERROR failed to stop lru crawler thread")
		}
	default:
		c.outString("ERROR")
	}
}

// crawlClasses parses a crawler class list: "all", "hash" or "1,2,...".
func (s *storage) crawlClasses(arg string) ([]int, bool) {
	if arg == "all" || arg == "hash" {
		var ids []int
		for id := 1; id < len(s.slabs.classes); id++ {
			ids = append(ids, id)
		}
		return ids, true
	}
	var ids []int
	for _, p := range strings.Split(arg, ",") {
		v, ok := parseUint32([]byte(p))
		if !ok || v < 1 || v >= maxSlabClasses-1 {
			return nil, false
		}
		ids = append(ids, int(v))
	}
	return ids, true
}

// reclaimDead unlinks expired and flushed items (an LRU crawl).
func (s *storage) reclaimDead() {
	s.mu.Lock()
	defer s.mu.Unlock()
	now := s.current()
	for id := range s.lru {
		for it := s.lru[id].tail; it != nil; {
			prev := it.prev
			if s.isDead(it, now) {
				s.unlink(it)
				s.counters.reclaimed++
				s.classStats[id].reclaimed++
			}
			it = prev
		}
	}
}

// metadumpBatch is how many items a dump renders per hold of the store
// lock, so that gets and sets keep running while a large cache is dumped.
const metadumpBatch = 1024

// streamMetadump writes "lru_crawler metadump" to the client as it goes:
// like memcached's crawler it walks the classes round-robin from their LRU
// tails ("hash" walks the hash table instead), skipping dead items. Only
// the order of items is held in memory, not the text, and the store lock
// is taken for one batch of lines at a time.
func (c *conn) streamMetadump(arg string) error {
	st := c.srv.store
	order := st.metadumpOrder(arg)
	for len(order) > 0 {
		n := min(len(order), metadumpBatch)
		c.out = st.appendMetadumpLines(c.out, order[:n])
		clear(order[:n]) // let items evicted meanwhile be collected
		order = order[n:]
		if len(c.out) >= flushThreshold {
			if err := c.flush(); err != nil {
				return err
			}
		}
	}
	c.out = append(c.out, "END\r\n"...)
	c.stacked = true
	return nil
}

// metadumpOrder lists the items a metadump of arg (already validated)
// will show, in its order.
func (s *storage) metadumpOrder(arg string) []*item {
	ids, _ := s.crawlClasses(arg)
	s.reclaimDead()
	if arg == "hash" {
		return s.hashOrder()
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	order := make([]*item, 0, s.items.len())
	cursors := make([]*item, 0, len(ids))
	for _, id := range ids {
		if id < len(s.lru) && s.lru[id].tail != nil {
			cursors = append(cursors, s.lru[id].tail)
		}
	}
	for len(cursors) > 0 {
		next := cursors[:0]
		for _, it := range cursors {
			order = append(order, it)
			if it.prev != nil {
				next = append(next, it.prev)
			}
		}
		cursors = next
	}
	return order
}

// appendMetadumpLines renders one batch of a dump under the store lock,
// which guards the fields that change (access time, fetched, exptime);
// items unlinked since the order was taken are left out.
func (s *storage) appendMetadumpLines(b []byte, items []*item) []byte {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, it := range items {
		if s.items.get(it.key()) != it {
			continue
		}
		exp := int64(-1)
		if it.exptime != 0 {
			exp = s.absolute(int64(it.exptime))
		}
		b = fmt.Appendf(b, "key=%s exp=%d la=%d cas=%d fetch=%s cls=%d size=%d\n",
			uriEncode([]byte(it.key())), exp, s.absolute(int64(it.time)), it.cas,
			onOff(it.has(itemFetched), "yes", "no"), it.clsid, it.ntotal())
	}
	return b
}

// hashOrder lists items in memcached's hash table order: by murmur3 bucket
// (hashpower 16), newest first within a bucket. Only the listing holds
// the store lock: keys and link sequences never change once linked.
func (s *storage) hashOrder() []*item {
	s.mu.Lock()
	items := make([]*item, 0, s.items.len())
	s.items.each(func(it *item) { items = append(items, it) })
	s.mu.Unlock()
	bucket := func(it *item) uint32 { return murmur3([]byte(it.key())) & (1<<16 - 1) }
	sort.Slice(items, func(i, j int) bool {
		bi, bj := bucket(items[i]), bucket(items[j])
		if bi != bj {
			return bi < bj
		}
		return items[i].linkedAfter(items[j])
	})
	return items
}
