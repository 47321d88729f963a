package cacheserver

import (
	"fmt"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

// Log stream categories of memcached's "watch" command.
const (
	watchFetchers = 1 << iota
	watchMutations
	watchEvictions
	watchOther // accepted but never produced here: rawcmds, sysevents, ...
)

var watchFlagNames = map[string]int{
	"fetchers": watchFetchers, "mutations": watchMutations, "evictions": watchEvictions,
	"rawcmds": watchOther, "sysevents": watchOther, "connevents": watchOther,
	"proxyreqs": watchOther, "proxyevents": watchOther, "proxyuser": watchOther,
}

// watchHub fans log lines out to watching connections. Lines are dropped
// (and counted) for a watcher that does not keep up, as memcached does.
type watchHub struct {
	srv *Server

	n        atomic.Int32 // number of watchers, read without the lock
	mu       sync.Mutex
	gid      uint64
	watchers map[*watcher]struct{}
	skipped  uint64
	sent     uint64
}

type watcher struct {
	flags int
	lines chan string
}

func newWatchHub(srv *Server) *watchHub {
	return &watchHub{srv: srv, watchers: make(map[*watcher]struct{})}
}

func (h *watchHub) active(flag int) bool {
	if h.n.Load() == 0 {
		return false
	}
	h.mu.Lock()
	defer h.mu.Unlock()
	for w := range h.watchers {
		if w.flags&flag != 0 {
			return true
		}
	}
	return false
}

// emit formats and delivers one log entry to watchers of flag.
func (h *watchHub) emit(flag int, format string, args ...any) {
	if !h.active(flag) {
		return
	}
	now := h.srv.now()
	h.mu.Lock()
	defer h.mu.Unlock()
	h.gid++
	line := fmt.Sprintf("ts=%d.%06d gid=%d ", now.Unix(), now.Nanosecond()/1000, h.gid) +
		fmt.Sprintf(format, args...)
	for w := range h.watchers {
		if w.flags&flag == 0 {
			continue
		}
		select {
		case w.lines <- line:
			h.sent++
		default:
			h.skipped++
		}
	}
}

func (h *watchHub) itemGet(fd int, key []byte, found bool, clsid, size int) {
	if !h.active(watchFetchers) {
		return
	}
	status := "not_found"
	if found {
		status = "found"
	} else {
		clsid, size = 0, 0
	}
	h.emit(watchFetchers, "type=item_get key=%s status=%s clsid=%d cfd=%d size=%d\n",
		uriEncode(key), status, clsid, fd, size)
}

var storeStatusLog = map[storeStatus]string{
	statusStored: "stored", statusNotStored: "not_stored", statusExists: "exists",
	statusNotFound: "not_found", statusTooLarge: "too_large", statusNoMemory: "no_memory",
}

func (h *watchHub) itemStore(fd int, key []byte, st storeStatus, mode storeMode, exptime int64, clsid, size int) {
	if !h.active(watchMutations) {
		return
	}
	ttl := int64(0)
	if exptime != 0 {
		ttl = exptime - h.srv.store.current()
	}
	h.emit(watchMutations, "type=item_store key=%s status=%s cmd=%s ttl=%d clsid=%d cfd=%d size=%d\n",
		uriEncode(key), storeStatusLog[st], mode, ttl, clsid, fd, size)
}

func (h *watchHub) add(flags int) *watcher {
	w := &watcher{flags: flags, lines: make(chan string, 4096)}
	h.mu.Lock()
	h.watchers[w] = struct{}{}
	h.n.Add(1)
	h.mu.Unlock()
	return w
}

func (h *watchHub) remove(w *watcher) {
	h.mu.Lock()
	delete(h.watchers, w)
	h.n.Add(-1)
	h.mu.Unlock()
}

func (h *watchHub) count() int {
	h.mu.Lock()
	defer h.mu.Unlock()
	return len(h.watchers)
}

// uriEncode is memcached's key escaping for logs and metadump: every byte
// outside [A-Za-z0-9-._~] becomes %XX.
func uriEncode(key []byte) string {
	var b strings.Builder
	for _, ch := range key {
		switch {
		case ch >= 'a' && ch <= 'z', ch >= 'A' && ch <= 'Z', ch >= '0' && ch <= '9',
			ch == '-', ch == '.', ch == '_', ch == '~':
			b.WriteByte(ch)
		default:
			fmt.Fprintf(&b, "%%%02X", ch)
		}
	}
	return b.String()
}

// processWatch turns the connection into a log watcher (memcached's
// "watch [fetchers|mutations|evictions|...]"). It only returns when the
// client goes away.
func (c *conn) processWatch(t *tokenLine) error {
	c.setNoreplyMaybe(t)
	if c.srv.cfg.DisableWatch {
		c.outString("CLIENT_ERROR watch commands not allowed")
		return nil
	}
	if c.stacked {
		c.outString("ERROR cannot pipeline other commands before watch")
		return nil
	}
	flags := 0
	if t.ntokens() > 2 {
		for _, tok := range t.tokens[1:] {
			f, ok := watchFlagNames[string(tok)]
			if !ok {
				c.outString("ERROR")
				return nil
			}
			flags |= f
		}
	} else {
		flags = watchFetchers
	}
	c.outString("OK")
	if err := c.flush(); err != nil {
		return err
	}
	w := c.srv.watch.add(flags)
	defer c.srv.watch.remove(w)
	c.nc.SetReadDeadline(time.Time{})
	gone := make(chan struct{})
	go func() {
		// Input on a watching connection is ignored; EOF ends the watch.
		buf := make([]byte, 512)
		for {
			if _, err := c.nc.Read(buf); err != nil {
				close(gone)
				return
			}
		}
	}()
	for {
		select {
		case line := <-w.lines:
			n, err := c.nc.Write([]byte(line))
			c.counters.bytesWritten.Add(uint64(n))
			if err != nil {
				return errWatching
			}
		case <-gone:
			return errWatching
		}
	}
}

func (h *watchHub) skippedCount() uint64 {
	h.mu.Lock()
	defer h.mu.Unlock()
	return h.skipped
}

func (h *watchHub) sentCount() uint64 {
	h.mu.Lock()
	defer h.mu.Unlock()
	return h.sent
}
