package main

import (
	"math"
	"runtime"
	"runtime/debug"
	"runtime/metrics"
	"sync"
)

// GC headroom. With Go's default GOGC=100 the heap may grow to twice the
// live data before a collection, and a cache's live data is nearly all of
// its heap: a million 100-byte items made the process about twice as large
// as memcached. memcached's footprint is its slabs, so the server should
// stay close to its live data instead. After every collection the memory
// limit is set to the runtime's non-heap memory plus the live heap plus a
// headroom of gcHeadroomDiv-th of it (at least gcHeadroomMin): large caches
// then collect when they have grown by about 6%, and the scavenger returns
// the rest to the OS, while a small heap (up to gcHeadroomMin live) keeps
// the GOGC=100 pacing, so request-heavy workloads on a small cache pay
// nothing for it. The limit is recomputed from the live heap after every
// cycle, so it always stays above the live data and cannot make the
// collector spin; the runtime's own GC CPU limiter bounds the rest.
// A fixed limit derived from -m would not do: -m caps memcached's slab
// accounting, not the process, and says nothing about a cache filled to
// a fraction of it (the usual case), which would still double its heap.
const (
	gcHeadroomDiv = 16
	gcHeadroomMin = 16 << 20
)

var gcSamples = []metrics.Sample{
	{Name: "/gc/heap/live:bytes"},
	{Name: "/memory/classes/total:bytes"},
	{Name: "/memory/classes/heap/objects:bytes"},
	{Name: "/memory/classes/heap/unused:bytes"},
	{Name: "/memory/classes/heap/free:bytes"},
	{Name: "/memory/classes/heap/released:bytes"},
}

var gcTracking sync.Once

// trackLiveHeap installs the memory limit described above and keeps it
// updated after each garbage collection.
func trackLiveHeap() {
	gcTracking.Do(func() {
		setGCLimit()
		armGCHook()
	})
}

// armGCHook runs setGCLimit after the next collection, and re-arms itself.
func armGCHook() {
	sentinel := new([16]byte)
	runtime.AddCleanup(sentinel, func(struct{}) {
		setGCLimit()
		armGCHook()
	}, struct{}{})
}

func setGCLimit() {
	metrics.Read(gcSamples)
	v := func(i int) int64 {
		if gcSamples[i].Value.Kind() != metrics.KindUint64 {
			return 0
		}
		u := gcSamples[i].Value.Uint64()
		if u > math.MaxInt64/4 {
			return math.MaxInt64 / 4
		}
		return int64(u)
	}
	live := v(0)
	nonHeap := v(1) - v(2) - v(3) - v(4) - v(5)
	if nonHeap < 0 {
		nonHeap = 0
	}
	debug.SetMemoryLimit(nonHeap + live + max(live/gcHeadroomDiv, gcHeadroomMin))
}
