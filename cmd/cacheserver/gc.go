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
// limit is set to the runtime's non-heap memory, plus the heap's own
// fragmentation (memory the runtime holds but cannot use, which the limit
// counts), plus the live heap, plus a headroom for new allocations of
// gcHeadroomDiv-th of the live heap or a minimum, whichever is larger:
// large caches then collect when they have grown by about 6%, and the
// scavenger returns the rest to the OS. The limit is recomputed from the
// live heap after every cycle, so it always stays above the live data and
// cannot make the collector spin; the runtime's own GC CPU limiter bounds
// the rest.
//
// The minimum keeps small heaps on about GOGC=100 pacing, so that
// request-heavy workloads on a small cache pay little for collections. It
// is gcHeadroomMin, or gcHeadroomDiv-th of -m when that is smaller: a full
// -m 64 cache held about 63 MiB of items and table (about 58 MiB since an
// item is one allocation), and 16 MiB on top of that made the process 30%
// larger than -m (memcached stays within 11%);
// a cache of -m 64 stays within -m/16 of its live data however full it is.
// A fixed limit derived from -m alone would not do: -m caps memcached's
// slab accounting, not the process, and says nothing about a cache filled
// to a fraction of it (the usual case), which would still double its heap.
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
// updated after each garbage collection. maxBytes reports the cache's
// current -m (cache_memlimit may change it).
func trackLiveHeap(maxBytes func() int64) {
	gcTracking.Do(func() {
		setGCLimit(maxBytes())
		armGCHook(maxBytes)
	})
}

// armGCHook runs setGCLimit after the next collection, and re-arms itself.
func armGCHook(maxBytes func() int64) {
	sentinel := new([16]byte)
	runtime.AddCleanup(sentinel, func(struct{}) {
		setGCLimit(maxBytes())
		armGCHook(maxBytes)
	}, struct{}{})
}

func setGCLimit(maxBytes int64) {
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
	live, unused := v(0), v(3)
	nonHeap := v(1) - v(2) - unused - v(4) - v(5)
	if nonHeap < 0 {
		nonHeap = 0
	}
	debug.SetMemoryLimit(nonHeap + unused + live + gcHeadroom(live, maxBytes))
}

// gcHeadroom is the room for new allocations above the live heap.
func gcHeadroom(live, maxBytes int64) int64 {
	floor := int64(gcHeadroomMin)
	if maxBytes > 0 {
		floor = min(floor, maxBytes/gcHeadroomDiv)
	}
	return max(live/gcHeadroomDiv, floor)
}
