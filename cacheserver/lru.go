package cacheserver

// lruList is an intrusive doubly linked list of the items of one slab class,
// most recently used at head, eviction candidates at tail.
type lruList struct {
	head, tail *item
	n          int
}

func (l *lruList) pushHead(it *item) {
	it.prev = nil
	it.next = l.head
	if l.head != nil {
		l.head.prev = it
	}
	l.head = it
	if l.tail == nil {
		l.tail = it
	}
	l.n++
}

func (l *lruList) remove(it *item) {
	if it.prev != nil {
		it.prev.next = it.next
	} else {
		l.head = it.next
	}
	if it.next != nil {
		it.next.prev = it.prev
	} else {
		l.tail = it.prev
	}
	it.prev, it.next = nil, nil
	l.n--
}

func (l *lruList) moveToHead(it *item) {
	if l.head == it {
		return
	}
	l.remove(it)
	l.pushHead(it)
}
