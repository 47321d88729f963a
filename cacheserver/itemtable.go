package cacheserver

import "hash/maphash"

// itemTable is the store's hash table: open addressing with linear probing
// over item pointers, keyed by each item's own key. A map[string]*item
// costs about 32 bytes per entry at a million items (a string header and a
// pointer per slot, at swiss-table load); this costs 9 bytes per slot at a
// load between 3/8 and 3/4. Deletion shifts the following cluster back,
// so there are no tombstones. Growth rehashes everything at once, under
// the store lock (memcached expands its table in a background thread).
//
// Each slot also has a tag byte: zero when the slot is empty, otherwise
// the top bits of the key's hash. A probe reads the compact tag array and
// only follows the item pointer (a cache miss on the item, its key after)
// when the tag matches, which cut lookups to about one key comparison; a
// profile of a 90% get load had key comparisons of colliding slots at 7%
// of the server's CPU.
type itemTable struct {
	slots []*item
	tags  []uint8
	n     int
	seed  maphash.Seed
}

const itemTableMinSize = 1024

func newItemTable() itemTable {
	return itemTable{
		slots: make([]*item, itemTableMinSize),
		tags:  make([]uint8, itemTableMinSize),
		seed:  maphash.MakeSeed(),
	}
}

func (t *itemTable) len() int { return t.n }

// hash returns key's home slot and its tag, which is never zero.
func (t *itemTable) hash(key string) (int, uint8) {
	h := maphash.String(t.seed, key)
	return int(h & uint64(len(t.slots)-1)), uint8(h>>57) | 0x80
}

// find returns the slot holding key, or the empty slot where it belongs,
// and key's tag.
func (t *itemTable) find(key string) (int, uint8) {
	mask := len(t.slots) - 1
	i, tag := t.hash(key)
	for {
		switch t.tags[i] {
		case 0:
			return i, tag
		case tag:
			if t.slots[i].key() == key {
				return i, tag
			}
		}
		i = (i + 1) & mask
	}
}

// get returns the item stored under key, or nil.
func (t *itemTable) get(key string) *item {
	i, _ := t.find(key)
	return t.slots[i]
}

// put stores it under its key, replacing any item with the same key.
func (t *itemTable) put(it *item) {
	i, tag := t.find(it.key())
	if t.slots[i] == nil {
		t.n++
	}
	t.slots[i] = it
	t.tags[i] = tag
	if t.n*4 > len(t.slots)*3 {
		t.resize(len(t.slots) * 2)
	}
}

// remove deletes the entry for key, if any.
func (t *itemTable) remove(key string) {
	i, _ := t.find(key)
	if t.slots[i] == nil {
		return
	}
	t.n--
	mask := len(t.slots) - 1
	// Backward-shift deletion: move later members of the cluster into the
	// hole when their home position does not lie after it.
	j := i
	for {
		t.slots[i] = nil
		t.tags[i] = 0
		for {
			j = (j + 1) & mask
			next := t.slots[j]
			if next == nil {
				if t.n*8 < len(t.slots) && len(t.slots) > itemTableMinSize {
					t.resize(len(t.slots) / 2)
				}
				return
			}
			h, _ := t.hash(next.key())
			// next may move to i unless h lies cyclically in (i, j].
			if (i <= j && (h <= i || h > j)) || (i > j && h <= i && h > j) {
				t.slots[i] = next
				t.tags[i] = t.tags[j]
				i = j
				break
			}
		}
	}
}

func (t *itemTable) resize(size int) {
	old := t.slots
	t.slots = make([]*item, size)
	t.tags = make([]uint8, size)
	mask := size - 1
	for _, it := range old {
		if it == nil {
			continue
		}
		i, tag := t.hash(it.key())
		for t.slots[i] != nil {
			i = (i + 1) & mask
		}
		t.slots[i] = it
		t.tags[i] = tag
	}
}

// each calls f for every item, in table order.
func (t *itemTable) each(f func(*item)) {
	for _, it := range t.slots {
		if it != nil {
			f(it)
		}
	}
}
