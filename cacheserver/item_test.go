package cacheserver

import (
	"fmt"
	"testing"
	"unsafe"
)

// One item header exists per stored key, in the allocation of its key
// and value; every 16 bytes over 48 move common items up a size class
// (see item).
func TestItemHeaderSize(t *testing.T) {
	if n := unsafe.Sizeof(item{}); n > 48 {
		t.Fatalf("item is %d bytes, want at most 48", n)
	}
}

// An in-place incr must install fresh data and re-key the table, leaving
// a snapshot taken before it unchanged.
func TestIncrInPlaceFreshData(t *testing.T) {
	s := newStore(storeConfig{maxBytes: 1 << 20, itemSizeMax: 1 << 20, useCAS: true, evictions: true})
	if r := s.store(storeRequest{mode: modeSet, key: "k", value: []byte("100")}); r.status != statusStored {
		t.Fatalf("store: %v", r.status)
	}
	before, _ := s.peek("k")
	if r := s.applyDelta(deltaRequest{key: "k", incr: false, delta: 95}); r.status != deltaOK || r.value != "5" {
		t.Fatalf("decr: %+v", r)
	}
	if got := string(before.value()); got != "100" {
		t.Fatalf("snapshot changed to %q", got)
	}
	after, ok := s.peek("k")
	if !ok || string(after.value()) != "5  " || after.key() != "k" {
		t.Fatalf("after decr: %q %q %v", after.key(), after.value(), ok)
	}
	if s.items.get("k") == nil || s.items.len() != 1 {
		t.Fatalf("table lost the item")
	}
}

// The table must agree with a map through inserts, replacements, removals,
// growth and shrinking.
func TestItemTable(t *testing.T) {
	tab := newItemTable()
	ref := map[string]*item{}
	mk := func(k string) *item {
		return newItemData(k, []byte("v"))
	}
	check := func() {
		t.Helper()
		if tab.len() != len(ref) {
			t.Fatalf("len %d, want %d", tab.len(), len(ref))
		}
		for k, it := range ref {
			if tab.get(k) != it {
				t.Fatalf("get(%q) wrong", k)
			}
		}
		n := 0
		tab.each(func(*item) { n++ })
		if n != len(ref) {
			t.Fatalf("each saw %d, want %d", n, len(ref))
		}
	}
	seq := uint32(1)
	rnd := func(n int) int { seq = seq*1664525 + 1013904223; return int(seq>>8) % n }
	for round := 0; round < 3; round++ {
		for i := 0; i < 20000; i++ {
			k := fmt.Sprintf("k%d", rnd(30000))
			switch rnd(3) {
			case 0, 1:
				it := mk(k)
				tab.put(it)
				ref[k] = it
			default:
				tab.remove(k)
				delete(ref, k)
				if tab.get(k) != nil {
					t.Fatalf("%q still present", k)
				}
			}
		}
		check()
		for k := range ref {
			if rnd(10) < 9 {
				tab.remove(k)
				delete(ref, k)
			}
		}
		check()
	}
	for k := range ref {
		tab.remove(k)
		delete(ref, k)
	}
	check()
	if len(tab.slots) != itemTableMinSize {
		t.Fatalf("empty table has %d slots", len(tab.slots))
	}
}

// Items small enough to carry their data inline and large ones with a
// separate block must hold the same bytes, including across an in-place
// incr, which replaces the item in its table slot and LRU position.
func TestItemDataKinds(t *testing.T) {
	s := newStore(storeConfig{maxBytes: 64 << 20, itemSizeMax: 1 << 20, useCAS: true, evictions: true})
	for _, n := range []int{0, 1, 7, 8, 100, inlineMax - 2, inlineMax - 1, inlineMax, 100 << 10} {
		key := "k" + fmt.Sprint(n)
		value := make([]byte, n)
		for i := range value {
			value[i] = byte('0' + i%10)
		}
		if r := s.store(storeRequest{mode: modeSet, key: key, value: value}); r.status != statusStored {
			t.Fatalf("store %d: %v", n, r.status)
		}
		got, ok := s.peek(key)
		if !ok || got.key() != key || string(got.value()) != string(value) {
			t.Fatalf("item of %d bytes read back wrong", n)
		}
		if n > 0 {
			if r := s.applyDelta(deltaRequest{key: key, incr: true, delta: 1}); n < 20 && r.status != deltaOK {
				t.Fatalf("incr %d: %+v", n, r)
			}
		}
		if s.items.get(key) == nil || s.items.get(key).key() != key {
			t.Fatalf("table lost %q", key)
		}
	}
	for id := range s.lru {
		n := 0
		for it := s.lru[id].head; it != nil; it = it.next {
			if it.next != nil && it.next.prev != it || it.next == nil && s.lru[id].tail != it {
				t.Fatalf("class %d LRU broken", id)
			}
			n++
		}
		if n != s.lru[id].n {
			t.Fatalf("class %d LRU has %d items, counts %d", id, n, s.lru[id].n)
		}
	}
}

// The link sequence wraps; items linked less than 2^39 stores apart still
// compare in link order.
func TestLinkSeqWraps(t *testing.T) {
	var a, b item
	for _, seq := range []uint64{0, 1, 1<<32 - 1, 1<<linkSeqBits - 1, 1 << 50} {
		a.setLinkSeq(seq)
		b.setLinkSeq(seq + 1)
		if !b.linkedAfter(&a) || a.linkedAfter(&b) || a.linkedAfter(&a) {
			t.Fatalf("order wrong at %d", seq)
		}
	}
}
