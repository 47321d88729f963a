package cacheserver

// Slab geometry, reproduced from memcached's slabs_init so that the class
// ids, chunk sizes and page counts reported by "stats slabs", "stats items",
// "stats cachedump" and "lru_crawler metadump" match the real server.
const (
	itemHeaderSize    = 48      // sizeof(item) on 64-bit memcached
	casSize           = 8       // sizeof(uint64_t) added when CAS is enabled
	slabPageSize      = 1 << 20 // settings.slab_page_size
	minChunkData      = 48      // settings.chunk_size (-n)
	chunkAlign        = 8       // CHUNK_ALIGN_BYTES
	growthFactor      = 1.25    // settings.factor (-f)
	maxSlabClasses    = 64      // MAX_NUMBER_OF_SLAB_CLASSES
	itemUpdatePeriod  = 60      // ITEM_UPDATE_INTERVAL, seconds
	maxKeyLength      = 250     // KEY_MAX_LENGTH
	relativeExpiryMax = 60 * 60 * 24 * 30
)

// slabClass describes one memcached slab class.
type slabClass struct {
	size    int // chunk size in bytes
	perPage int // chunks per 1 MiB page
}

// slabTable is the ordered list of slab classes; index 0 is unused so that
// indexes are memcached class ids.
type slabTable struct {
	classes  []slabClass
	chunkMax int
}

func newSlabTable(itemSizeMax int, noModern bool) *slabTable {
	chunkMax := slabPageSize / 2
	switch {
	case itemSizeMax < slabPageSize:
		// memcached caps the largest chunk at half of a smaller -I.
		chunkMax = itemSizeMax / 2
	case noModern && itemSizeMax == slabPageSize:
		// -o no_modern: the largest chunk is a whole page.
		chunkMax = slabPageSize
	}
	t := &slabTable{classes: []slabClass{{}}, chunkMax: chunkMax}
	size := uint32(itemHeaderSize + minChunkData)
	for i := 1; i < maxSlabClasses-1; i++ {
		if float64(size) >= float64(chunkMax)/growthFactor {
			break
		}
		if size%chunkAlign != 0 {
			size += chunkAlign - size%chunkAlign
		}
		t.classes = append(t.classes, slabClass{size: int(size), perPage: slabPageSize / int(size)})
		size = uint32(float64(size) * growthFactor)
	}
	t.classes = append(t.classes, slabClass{size: chunkMax, perPage: slabPageSize / chunkMax})
	return t
}

// largest returns the id of the largest class, which also holds the
// chunks of items bigger than chunkMax.
func (t *slabTable) largest() int { return len(t.classes) - 1 }

// classFor returns the class id for an item of ntotal bytes, or 0 when the
// item can never be stored (memcached's slabs_clsid).
func (t *slabTable) classFor(ntotal, itemSizeMax int) int {
	if ntotal <= 0 || ntotal > itemSizeMax {
		return 0
	}
	for id := 1; id < len(t.classes); id++ {
		if ntotal <= t.classes[id].size {
			return id
		}
	}
	return t.largest()
}

// chunks is how many chunks of its class an item of ntotal bytes
// occupies: one, or for chunked (large) items enough maximal chunks.
func (t *slabTable) chunks(ntotal int) int {
	if ntotal <= t.chunkMax {
		return 1
	}
	return (ntotal + t.chunkMax - 1) / t.chunkMax
}
