package cacheserver

import "hash/maphash"

// itemTable is the store's hash table: open addressing with linear probing
// over item pointers, keyed by each item's own key. A map[string]*item
// costs about 32 bytes per entry at a million items (a string header and a
// pointer per slot, at swiss-table load); this costs 8 bytes per slot at a
// load between 3/8 and 3/4. Deletion shifts the following cluster back,
// so there are no tombstones. Growth rehashes everything at once, under
// the store lock (memcached expands its table in a background thread).
type itemTable struct {
	slots []*item
	n     int
	seed  maphash.Seed
}

const itemTableMinSize = 1024

func newItemTable() itemTable {
	return itemTable{slots: make([]*item, itemTableMinSize), seed: maphash.MakeSeed()}
}

func (t *itemTable) len() int { return t.n }

func (t *itemTable) home(key string) int {
	return int(maphash.String(t.seed, key) & uint64(len(t.slots)-1))
}

// find returns the slot holding key, or the empty slot where it belongs.
func (t *itemTable) find(key string) int {
	mask := len(t.slots) - 1
	i := t.home(key)
	for {
		it := t.slots[i]
		if it == nil || it.key() == key {
			return i
		}
		i = (i + 1) & mask
	}
}

// get returns the item stored under key, or nil.
func (t *itemTable) get(key string) *item { return t.slots[t.find(key)] }

// put stores it under its key, replacing any item with the same key.
func (t *itemTable) put(it *item) {
	i := t.find(it.key())
	if t.slots[i] == nil {
		t.n++
	}
	t.slots[i] = it
	if t.n*4 > len(t.slots)*3 {
		t.resize(len(t.slots) * 2)
	}
}

// remove deletes the entry for key, if any.
func (t *itemTable) remove(key string) {
	i := t.find(key)
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
		for {
			j = (j + 1) & mask
			next := t.slots[j]
			if next == nil {
				if t.n*8 < len(t.slots) && len(t.slots) > itemTableMinSize {
					t.resize(len(t.slots) / 2)
				}
				return
			}
			h := t.home(next.key())
			// next may move to i unless h lies cyclically in (i, j].
			if (i <= j && (h <= i || h > j)) || (i > j && h <= i && h > j) {
				t.slots[i] = next
				i = j
				break
			}
		}
	}
}

func (t *itemTable) resize(size int) {
	old := t.slots
	t.slots = make([]*item, size)
	mask := size - 1
	for _, it := range old {
		if it == nil {
			continue
		}
		i := t.home(it.key())
		for t.slots[i] != nil {
			i = (i + 1) & mask
		}
		t.slots[i] = it
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
