package cacheserver

import (
	"reflect"
	"sync/atomic"
	"unsafe"
)

// item is one cached key/value pair: this header, followed in the same
// allocation by the key bytes and then the value bytes (without the
// trailing "\r\n"). One allocation per key instead of a header plus a
// separate data block saves the data pointer and, more importantly, lets
// the header share a Go size class with the data: a 12-byte key with a
// 100-byte value took a 64-byte header and a 112-byte block (176 bytes)
// and now takes one 160-byte object, which kept a full -m 64 cache about
// 5 MiB smaller.
//
// The key and value are never modified after the item is linked, so
// readers may keep the item (see itemView) after the store lock is
// released, and key() may return an unsafe.String view of it (the hash
// table, itemTable, compares against it); updates (including memcached's
// "in place" incr/decr) always install a fresh item.
//
// The header must stay within 48 bytes (TestItemHeaderSize): Go's size
// classes step by 16 bytes here, so every byte over 48 costs 16 per item.
// Hence memcached's 8-bit class id, the booleans packed into bits, a
// 40-bit link sequence, and ntotal/cost derived from the lengths instead
// of stored.
type item struct {
	prev, next *item // neighbours in the class LRU; head is most recent
	cas        uint64
	// exptime and time are memcached's 32-bit rel_time_t: server-relative
	// times come from realtime and current, which fit in 32 bits.
	exptime int32  // server-relative seconds; 0 = never expires
	time    int32  // server-relative time of last access (memcached it->time)
	nvalue  uint32 // value length, bounded by -I (at most 1 GiB)
	flags   uint32
	seqLo   uint32 // low bits of the link sequence (see linkSeq)
	seqHi   uint8  // high bits of the link sequence
	clsid   uint8  // memcached class ids fit in a byte (MAX_NUMBER_OF_SLAB_CLASSES)
	nkey    uint8  // keys are at most 250 bytes
	bits    itemBits
}

// itemBits are the item's boolean states.
type itemBits uint8

const (
	itemHasCAS    itemBits = 1 << iota // a CAS field is counted in ntotal (memcached -C not given)
	itemFetched                        // ITEM_FETCHED
	itemBinaryKey                      // ITEM_KEY_BINARY: key arrived base64-encoded (meta "b")
	itemStale                          // ITEM_STALE (meta delete with I)
	itemTokenSent                      // ITEM_TOKEN_SENT (meta W/Z flags)
	itemExternal                       // the data is in a separate block (see largeItem)
)

func (it *item) has(b itemBits) bool { return it.bits&b != 0 }

func (it *item) set(b itemBits, on bool) {
	if on {
		it.bits |= b
	} else {
		it.bits &^= b
	}
}

// linkSeqBits is the width of the link sequence, the order in which items
// were linked, which hash-order dumps use to list a bucket newest first.
// It wraps after 2^40 stores; newer compares modulo 2^40, which is exact
// for items linked less than 2^39 stores apart.
const linkSeqBits = 40

func (it *item) setLinkSeq(seq uint64) {
	it.seqLo = uint32(seq)
	it.seqHi = uint8(seq >> 32)
}

func (it *item) linkSeq() uint64 { return uint64(it.seqHi)<<32 | uint64(it.seqLo) }

// linkedAfter reports whether it was linked after other.
func (it *item) linkedAfter(other *item) bool {
	d := (it.linkSeq() - other.linkSeq()) & (1<<linkSeqBits - 1)
	return d != 0 && d < 1<<(linkSeqBits-1)
}

const itemSize = unsafe.Sizeof(item{})

// Items whose key and value take at most inlineMax bytes carry them
// inline, in an allocation of a struct type made for their length rounded
// up to 8 bytes (Go's size classes are multiples of 8, so the rounding
// costs nothing). The types are made on first use and kept, at most
// inlineMax/8 of them, whatever sizes clients send. Larger items, for
// which one word does not matter, use largeItem.
const inlineMax = 16 << 10

var inlineTypes [inlineMax/8 + 1]atomic.Pointer[reflect.Type]

func inlineType(n int) reflect.Type {
	slot := &inlineTypes[(n+7)/8]
	if t := slot.Load(); t != nil {
		return *t
	}
	t := reflect.StructOf([]reflect.StructField{
		{Name: "Header", Type: reflect.TypeFor[item]()},
		{Name: "Data", Type: reflect.ArrayOf((n+7)/8*8, reflect.TypeFor[byte]())},
	})
	slot.Store(&t)
	return t
}

// largeItem is an item whose data is a separate block.
type largeItem struct {
	item
	data []byte
}

// allocItem returns an unlinked item with room for nkey key bytes and
// nvalue value bytes, to be filled through buf. nkey must be at most 255.
func allocItem(nkey, nvalue int) *item {
	n := nkey + nvalue
	var it *item
	if n <= inlineMax {
		it = (*item)(reflect.New(inlineType(n)).UnsafePointer())
	} else {
		large := &largeItem{data: make([]byte, n)}
		it = &large.item
		it.bits = itemExternal
	}
	it.nkey = uint8(nkey)
	it.nvalue = uint32(nvalue)
	return it
}

// newItemData returns an unlinked item holding key and value.
func newItemData(key string, value []byte) *item {
	it := allocItem(len(key), len(value))
	b := it.buf()
	copy(b, key)
	copy(b[len(key):], value)
	return it
}

// buf returns the item's key then value bytes. They may be written only
// before the item is linked.
func (it *item) buf() []byte { return dataOf(it, it) }

// dataOf returns the key and value bytes of the item allocated at p, as
// described by hdr: p itself, or a copy of its header, as the store
// changes a linked item's header but not its lengths or kind.
func dataOf(p, hdr *item) []byte {
	n := int(hdr.nkey) + int(hdr.nvalue)
	if hdr.has(itemExternal) {
		return (*largeItem)(unsafe.Pointer(p)).data[:n:n]
	}
	if n == 0 {
		return nil
	}
	return unsafe.Slice((*byte)(unsafe.Add(unsafe.Pointer(p), itemSize)), n)
}

// key returns the item's key, a view of its immutable data.
func (it *item) key() string { return keyOf(it, it) }

func keyOf(p, hdr *item) string {
	if hdr.nkey == 0 {
		return ""
	}
	return unsafe.String(unsafe.SliceData(dataOf(p, hdr)), int(hdr.nkey))
}

// value returns the item's data without "\r\n". Its capacity equals its
// length, so appending to it copies; callers must not modify it.
func (it *item) value() []byte { return valueOf(it, it) }

func valueOf(p, hdr *item) []byte {
	if hdr.nvalue == 0 {
		return nil
	}
	return dataOf(p, hdr)[hdr.nkey:]
}

// itemView is what readers get from the store: a copy of an item's header
// taken under the store lock, and the item itself, whose key and value do
// not change. The header copy alone cannot reach them, as they follow the
// item in its allocation, so key and value shadow item's; they read the
// lengths from the copy, as the item's own header may change under the
// lock meanwhile.
type itemView struct {
	item
	it *item // nil for the zero view of a miss
}

func viewOf(it *item) itemView { return itemView{item: *it, it: it} }

func (v *itemView) key() string {
	if v.it == nil {
		return ""
	}
	return keyOf(v.it, &v.item)
}

func (v *itemView) value() []byte {
	if v.it == nil {
		return nil
	}
	return valueOf(v.it, &v.item)
}

// ntotal is memcached's ITEM_ntotal: header + key + suffix + data + cas.
func (it *item) ntotal() int {
	return itemTotalSize(int(it.nkey), it.flags, int(it.nvalue), it.has(itemHasCAS))
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
