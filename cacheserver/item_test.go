package cacheserver

import (
	"fmt"
	"testing"
	"unsafe"
)

// One item header exists per stored key; keep it in Go's 64-byte size
// class (see item).
func TestItemHeaderSize(t *testing.T) {
	if n := unsafe.Sizeof(item{}); n > 64 {
		t.Fatalf("item is %d bytes, want at most 64", n)
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
		it := &item{}
		it.setData(itemData(k, []byte("v")), len(k))
		return it
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
