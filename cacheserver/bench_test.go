package cacheserver

import (
	"fmt"
	"strconv"
	"sync/atomic"
	"testing"

	"github.com/bradfitz/gomemcache/memcache"
)

// BenchmarkStoreParallel measures the single-mutex store under a 90% get
// mix from all procs; it is the number behind keeping one lock.
func BenchmarkStoreParallel(b *testing.B) {
	st := newStore(storeConfig{maxBytes: 64 << 20, itemSizeMax: 1 << 20, useCAS: true, evictions: true})
	value := make([]byte, 100)
	for i := 0; i < 10000; i++ {
		st.store(storeRequest{mode: modeSet, key: "key" + strconv.Itoa(i), value: value})
	}
	var seq atomic.Uint64
	b.ReportAllocs()
	b.RunParallel(func(pb *testing.PB) {
		n := seq.Add(1) * 7919
		for pb.Next() {
			n++
			key := "key" + strconv.Itoa(int(n%10000))
			if n%10 == 0 {
				st.store(storeRequest{mode: modeSet, key: key, value: value})
			} else {
				st.get(key, true, false, 0)
			}
		}
	})
}

// BenchmarkServerGetSet measures end-to-end text protocol round trips.
func BenchmarkServerGetSet(b *testing.B) {
	_, addr := startTestServer(b, nil)
	value := make([]byte, 100)
	mc := memcache.New(addr)
	mc.MaxIdleConns = 64
	for i := 0; i < 1000; i++ {
		mc.Set(&memcache.Item{Key: fmt.Sprint("key", i), Value: value})
	}
	var seq atomic.Uint64
	b.ResetTimer()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			n := seq.Add(1)
			key := fmt.Sprint("key", n%1000)
			if n%10 == 0 {
				mc.Set(&memcache.Item{Key: key, Value: value})
			} else {
				mc.Get(key)
			}
		}
	})
}

// BenchmarkParseLine measures tokenizing a typical storage line.
func BenchmarkParseLine(b *testing.B) {
	line := []byte("set user:42:session 0 3600 128 noreply")
	b.ReportAllocs()
	for b.Loop() {
		t := tokenize(line)
		parseUint32(t.tokens[2])
		parseInt32(t.tokens[3])
		parseInt32(t.tokens[4])
	}
}
