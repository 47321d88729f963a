package cacheserver

import "unsafe"

// item is one cached key/value pair. Its key and value share one
// allocation (key bytes, then value bytes, without the trailing "\r\n"),
// which is never modified after the item is linked, so readers may keep a
// copy of the item after the store lock is released, and key() may return
// an unsafe.String view of it (the hash table, itemTable, compares against
// it); updates (including memcached's "in place" incr/decr) always install
// a fresh allocation.
//
// The layout is kept small because one item exists per stored key: a
// pointer instead of a slice header for the data, memcached's 8-bit class
// id, and ntotal/cost derived from the lengths instead of stored.
type item struct {
	data       *byte // nkey key bytes followed by nvalue value bytes
	prev, next *item // neighbours in the class LRU; head is most recent
	cas        uint64
	linkSeq    uint64 // order of insertion, for hash-order dumps
	// exptime and time are memcached's 32-bit rel_time_t: server-relative
	// times come from realtime and current, which fit in 32 bits.
	exptime   int32  // server-relative seconds; 0 = never expires
	time      int32  // server-relative time of last access (memcached it->time)
	nvalue    uint32 // value length, bounded by -I (at most 1 GiB)
	flags     uint32
	clsid     uint8 // memcached class ids fit in a byte (MAX_NUMBER_OF_SLAB_CLASSES)
	nkey      uint8 // keys are at most 250 bytes
	hasCAS    bool  // a CAS field is counted in ntotal (memcached -C not given)
	fetched   bool  // ITEM_FETCHED
	binaryKey bool  // ITEM_KEY_BINARY: key arrived base64-encoded (meta "b")
	stale     bool  // ITEM_STALE (meta delete with I)
	tokenSent bool  // ITEM_TOKEN_SENT (meta W/Z flags)
}

// itemData returns a fresh allocation holding key then value.
func itemData(key string, value []byte) []byte {
	d := make([]byte, len(key)+len(value))
	copy(d, key)
	copy(d[len(key):], value)
	return d
}

// setData points it at d, whose first nkey bytes are the key. d must not
// be modified afterwards.
func (it *item) setData(d []byte, nkey int) {
	it.nkey = uint8(nkey)
	it.nvalue = uint32(len(d) - nkey)
	if len(d) == 0 {
		it.data = nil
		return
	}
	it.data = unsafe.SliceData(d)
}

// key returns the item's key, a view of its immutable data.
func (it *item) key() string {
	if it.nkey == 0 {
		return ""
	}
	return unsafe.String(it.data, int(it.nkey))
}

// value returns the item's data without "\r\n". Its capacity equals its
// length, so appending to it copies; callers must not modify it.
func (it *item) value() []byte {
	if it.nvalue == 0 {
		return nil
	}
	return unsafe.Slice((*byte)(unsafe.Add(unsafe.Pointer(it.data), int(it.nkey))), int(it.nvalue))
}

// ntotal is memcached's ITEM_ntotal: header + key + suffix + data + cas.
func (it *item) ntotal() int {
	return itemTotalSize(int(it.nkey), it.flags, int(it.nvalue), it.hasCAS)
}

// itemTotalSize is memcached's item_make_header plus the CAS field: the
// byte count reported as "size=" by metadump and used to pick a slab class.
func itemTotalSize(nkey int, flags uint32, nvalue int, useCAS bool) int {
	n := itemHeaderSize + nkey + 1 + nvalue + 2
	if flags != 0 {
		n += 4
	}
	if useCAS {
		n += casSize
	}
	return n
}
