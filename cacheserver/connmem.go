package cacheserver

import (
	"errors"
	"sync/atomic"
)

// Connection memory is memcached's read_buf_mem_limit (-o
// read_buf_mem_limit=MB): each worker thread draws its connections' read
// buffers and response objects from one cache of 16 KiB buffers, capped at
// the limit divided by the -t thread count (at least one buffer). A read
// buffer is one buffer, held while a connection has unprocessed input. A
// buffer holds respPerBundle response objects, which the thread's
// connections share; a response object lives from the command that starts
// it until its output is written, and the thread keeps its last bundle
// once it has one. Connections are dealt to threads round-robin, as
// memcached's dispatcher does. With no limit nothing is counted, so the
// default hot path does no extra work.
//
// memcached's bundles can be fragmented (a bundle stays allocated while
// any of its objects is unwritten); here a thread's live objects are taken
// to fill ceil(n/respPerBundle) bundles, which is exact for the objects of
// one connection and at most a bundle short for several at once.

// respPerBundle is memcached's MAX_RESP_PER_BUNDLE on 64-bit builds:
// (READ_BUFFER_SIZE - sizeof(mc_resp_bundle)) / sizeof(mc_resp) =
// (16384 - 24) / 1184.
const respPerBundle = 13

// errConnOutOfMemory closes a connection whose thread has no buffer left
// for its input or its next response; like memcached's conn_closing it
// drops the output not yet written.
var errConnOutOfMemory = errors.New("cacheserver: connection out of buffer memory")

// workerThread is the buffer accounting of one emulated worker thread.
type workerThread struct {
	readBufs   atomic.Int64 // read buffers held by its connections
	resps      atomic.Int64 // live response objects of its connections
	bundleKept atomic.Bool  // a response bundle was allocated and is kept
	respOOM    atomic.Uint64
	readBufOOM atomic.Uint64
}

// bundles is how many buffers n live response objects occupy.
func (t *workerThread) bundles(n int64) int64 {
	b := (n + respPerBundle - 1) / respPerBundle
	if b == 0 && t.bundleKept.Load() {
		return 1
	}
	return b
}

// connMemory holds the worker threads and their per-thread buffer limit.
type connMemory struct {
	threads []workerThread
	next    atomic.Uint64
	// limit is the buffers each thread may use; 0 means unlimited.
	limit int64
}

func newConnMemory(threads int, limitBytes int64) *connMemory {
	m := &connMemory{threads: make([]workerThread, threads)}
	if limitBytes > 0 {
		m.limit = max(limitBytes/int64(threads)/readBufferSize, 1)
	}
	return m
}

// assign deals a new connection to the next thread.
func (m *connMemory) assign() *workerThread {
	return &m.threads[(m.next.Add(1)-1)%uint64(len(m.threads))]
}

// totals sums the OOM counters of all threads for "stats".
func (m *connMemory) totals() (respOOM, readBufOOM uint64) {
	for i := range m.threads {
		respOOM += m.threads[i].respOOM.Load()
		readBufOOM += m.threads[i].readBufOOM.Load()
	}
	return respOOM, readBufOOM
}

// respStart is memcached's resp_start: it reports false, counting
// response_obj_oom, when the response needs a bundle its thread cannot
// supply.
func (c *conn) respStart() bool {
	m, t := c.srv.connMem, c.thread
	if m.limit == 0 {
		return true
	}
	n := t.resps.Add(1)
	if t.bundles(n)+t.readBufs.Load() > m.limit {
		t.resps.Add(-1)
		t.respOOM.Add(1)
		return false
	}
	t.bundleKept.Store(true)
	c.resps++
	return true
}

// releaseResps frees the connection's response objects once memcached
// would have written or dropped their output.
func (c *conn) releaseResps() {
	if c.resps > 0 {
		c.thread.resps.Add(-c.resps)
		c.resps = 0
	}
	c.respsFrom = c.outMark()
}

// holdReadBuf is rbuf_alloc: input arrived, so the connection needs a
// read buffer; without one it counts read_buf_oom and must close.
func (c *conn) holdReadBuf() bool {
	m, t := c.srv.connMem, c.thread
	if m.limit == 0 || c.readBufHeld {
		return true
	}
	if t.readBufs.Add(1)+t.bundles(t.resps.Load()) > m.limit {
		t.readBufs.Add(-1)
		t.readBufOOM.Add(1)
		return false
	}
	c.readBufHeld = true
	return true
}

// releaseReadBuf is rbuf_release: an emptied read buffer goes back to the
// thread while the connection waits for input.
func (c *conn) releaseReadBuf() {
	if c.readBufHeld {
		c.thread.readBufs.Add(-1)
		c.readBufHeld = false
	}
}
