package cacheserver

// item is one cached key/value pair. Its value slice is never modified after
// the item is linked, so readers may keep a copy of the item after the store
// lock is released; updates (including memcached's "in place" incr/decr)
// always install a fresh slice.
type item struct {
	key       string
	value     []byte // data without the trailing "\r\n"
	flags     uint32
	exptime   int64 // server-relative seconds; 0 = never expires
	time      int64 // server-relative time of last access (memcached it->time)
	cas       uint64
	clsid     int
	ntotal    int    // memcached ITEM_ntotal: header + key + suffix + data + cas
	cost      int    // bytes charged against the memory limit
	linkSeq   uint64 // order of insertion, for hash-order dumps
	fetched   bool   // ITEM_FETCHED
	binaryKey bool   // ITEM_KEY_BINARY: key arrived base64-encoded (meta "b")
	stale     bool   // ITEM_STALE (meta delete with I)
	tokenSent bool   // ITEM_TOKEN_SENT (meta W/Z flags)

	prev, next *item // neighbours in the class LRU; head is most recent
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

// nbytes is memcached's it->nbytes: the value plus its "\r\n".
func (it *item) nbytes() int { return len(it.value) + 2 }
