package cacheserver

import (
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
	for k, it := range s.items {
		if k != it.key() || unsafe.StringData(k) != unsafe.StringData(it.key()) {
			t.Fatalf("table key %q does not view item data", k)
		}
	}
}
