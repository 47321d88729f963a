package cacheserver

import (
	"bytes"
	"math"
	"strconv"
)

// Version is the memcached version this server reproduces.
const Version = "1.6.18"

// processASCII handles one text-protocol command line, if complete.
func (c *conn) processASCII() (bool, error) {
	raw, ok, err := c.nextLine()
	if err != nil || !ok {
		return false, err
	}
	// process_command_ascii attaches a response object to every command.
	if !c.respStart() {
		return true, errConnOutOfMemory
	}
	line := commandLine(raw)
	if c.srv.tracing(2) {
		c.srv.logf(2, "<%d %s\n", c.fd, line)
	}
	return true, c.dispatchASCII(line)
}

// setNoreplyMaybe is memcached's set_noreply_maybe: the last real token
// decides, whatever the command's syntax.
func (c *conn) setNoreplyMaybe(t *tokenLine) bool {
	if last := t.arg(t.ntokens() - 2); last != nil && string(last) == "noreply" {
		c.noreply = true
	}
	return c.noreply
}

// wantTokens answers ERROR unless ntokens is one of the allowed counts.
func (c *conn) wantTokens(t *tokenLine, allowed ...int) bool {
	for _, n := range allowed {
		if t.ntokens() == n {
			return true
		}
	}
	c.outString("ERROR")
	return false
}

func (c *conn) wantTokensRange(t *tokenLine, lo, hi int) bool {
	if n := t.ntokens(); n < lo || (hi >= 0 && n > hi) {
		c.outString("ERROR")
		return false
	}
	return true
}

// dispatchASCII mirrors process_command_ascii's command table.
func (c *conn) dispatchASCII(line []byte) error {
	// The connection's tokenLine is reused: a fresh one per command would
	// be a 640-byte heap allocation, since its tokens point into itself.
	t := &c.tok
	t.split(line)
	if t.ntokens() < 2 || len(t.tokens[0]) < 2 {
		c.observe("", nil, line)
		c.outString("ERROR")
		return nil
	}
	cmd := string(t.tokens[0])
	if c.srv.cfg.Observer != nil {
		c.observe(cmd, commandKeys(cmd, t, line), line)
	} else {
		c.touchLastCmd()
	}
	if id, ok := verbIDs[cmd]; ok {
		c.counters.verbs[id].Add(1)
	}
	if run, err := c.applyHook(cmd, t, line); !run {
		return err
	}
	if cmd[0] == 'm' && len(cmd) == 2 {
		return c.dispatchMeta(cmd[1], t)
	}
	switch cmd {
	case "get", "bget":
		if c.wantTokensRange(t, 3, -1) {
			return c.processGet(t, false, false)
		}
	case "gets":
		if c.wantTokensRange(t, 3, -1) {
			return c.processGet(t, true, false)
		}
	case "gat":
		if c.wantTokensRange(t, 3, -1) {
			return c.processGet(t, false, true)
		}
	case "gats":
		if c.wantTokensRange(t, 3, -1) {
			return c.processGet(t, true, true)
		}
	case "set", "add", "replace", "append", "prepend":
		if c.wantTokens(t, 6, 7) {
			return c.processUpdate(t, storeModeByName[cmd])
		}
		return c.hardenedClose()
	case "cas":
		if c.wantTokens(t, 7, 8) {
			return c.processUpdate(t, modeCAS)
		}
		return c.hardenedClose()
	case "incr", "decr":
		if c.wantTokens(t, 4, 5) {
			c.processArithmetic(t, cmd == "incr")
		}
	case "delete":
		if c.wantTokensRange(t, 3, 5) {
			c.processDelete(t)
		}
	case "touch":
		if c.wantTokens(t, 4, 5) {
			c.processTouch(t)
		}
	case "stats":
		c.processStats(t)
	case "flush_all":
		if c.wantTokensRange(t, 2, 4) {
			c.processFlushAll(t)
		}
	case "version":
		c.outString("VERSION " + Version)
	case "quit":
		return errCloseConn
	case "verbosity":
		if c.wantTokens(t, 3, 4) {
			c.processVerbosity(t)
		}
	case "lru_crawler":
		c.processLRUCrawler(t)
	case "watch":
		return c.processWatch(t)
	case "shutdown":
		c.outString("ERROR: shutdown not enabled")
	case "debugtime":
		c.processDebugTime(t)
	case "cache_memlimit":
		if c.wantTokens(t, 3, 4) {
			c.processMemlimit(t)
		}
	case "slabs":
		c.processSlabs(t)
	case "lru":
		if c.wantTokensRange(t, 3, -1) {
			c.processLRU(t)
		}
	default:
		// An HTTP request line ends in "HTTP/x.y": memcached hangs up.
		if last := t.arg(t.ntokens() - 2); bytes.HasPrefix(last, []byte("HTTP/")) {
			return errCloseConn
		}
		c.outString("ERROR")
	}
	return nil
}

var storeModeByName = map[string]storeMode{
	"set": modeSet, "add": modeAdd, "replace": modeReplace,
	"append": modeAppend, "prepend": modePrepend, "cas": modeCAS,
}

// commandKeys extracts the keys a command names, for the Observer.
func commandKeys(cmd string, t *tokenLine, line []byte) [][]byte {
	switch cmd {
	case "get", "gets", "bget":
		return bytes.Fields(bytes.TrimPrefix(bytes.TrimLeft(line, " "), []byte(cmd)))
	case "gat", "gats":
		f := bytes.Fields(line)
		if len(f) > 2 {
			return f[2:]
		}
	case "set", "add", "replace", "append", "prepend", "cas", "incr", "decr", "delete", "touch",
		"mg", "ms", "md", "ma", "me":
		if k := t.arg(1); k != nil {
			return [][]byte{k}
		}
	}
	return nil
}

// processGet serves get, gets, gat and gats, continuing past memcached's
// 24-token limit for long multigets. Every key after the first starts a
// response object, as in memcached; running out of them under
// read_buf_mem_limit drops the unsent output and answers SERVER_ERROR.
func (c *conn) processGet(t *tokenLine, withCAS, touch bool) error {
	keys := t.tokens[1:]
	var exptime int64
	if touch {
		e, ok := parseInt32(t.tokens[1])
		if !ok {
			c.outString("CLIENT_ERROR invalid exptime argument")
			return nil
		}
		exptime = c.srv.store.realtime(e)
		keys = keys[1:]
	}
	start := c.outMark()
	rest := t.rest
	first := true
	for {
		for _, key := range keys {
			if !first && !c.respStart() {
				return c.getOutOfMemory(start)
			}
			first = false
			if len(key) > maxKeyLength {
				c.truncateOut(start)
				if c.srv.tracing(2) {
					c.srv.logf(2, ">%d END\n", c.fd)
				}
				c.outString("CLIENT_ERROR bad command line format")
				return nil
			}
			it, found := c.srv.store.get(string(key), true, touch, exptime)
			c.srv.detail.recordGet(key, found)
			if touch {
				c.counters.touchCmds.Add(1)
			} else {
				c.counters.getCmds.Add(1)
			}
			c.srv.watch.itemGet(c.fd, key, found, int(it.clsid), len(it.value()))
			if !found {
				continue
			}
			c.appendValueLine(&it, withCAS)
			if c.srv.tracing(2) {
				c.srv.logf(2, ">%d sending key %s\n", c.fd, key)
			}
			if c.queuedBytes() >= maxPendingOutput {
				// memcached sends values straight from its items; we copy
				// them, so a huge multiget is streamed instead of buffered.
				// (A too-long key after this point can no longer retract
				// the values already sent.) Their response objects stay
				// live until the END, as in memcached: writeOut, not flush.
				if err := c.writeOut(); err != nil {
					return nil
				}
				start = outMark{}
				c.respsFrom = start
			}
		}
		if rest == nil {
			break
		}
		next := tokenize(rest)
		keys, rest = next.tokens, next.rest
	}
	if c.srv.tracing(2) {
		c.srv.logf(2, ">%d END\n", c.fd)
	}
	c.out = append(c.out, "END\r\n"...)
	// memcached writes get responses at once (conn_mwrite), which frees
	// their response objects; the bytes themselves may wait in c.out.
	c.stacked = false
	c.releaseResps()
	return nil
}

// getOutOfMemory is the end of a multiget that ran out of response
// objects: like conn_release_items it drops every response not yet
// written, then needs one object for the error, or closes. start is where
// the get's own output begins, a bound on respsFrom should output before
// it have been retracted since.
func (c *conn) getOutOfMemory(start outMark) error {
	from := c.respsFrom
	if from.out > start.out || from.refs > start.refs {
		from = start
	}
	c.truncateOut(from)
	c.releaseResps()
	if !c.respStart() {
		return errConnOutOfMemory
	}
	c.outString("SERVER_ERROR out of memory writing get response")
	return nil
}

// appendValueLine queues a "VALUE <key> <flags> <bytes> [<cas>]" block.
func (c *conn) appendValueLine(it *itemView, withCAS bool) {
	out := append(c.out, "VALUE "...)
	out = append(out, it.key()...)
	out = append(out, ' ')
	out = strconv.AppendUint(out, uint64(it.flags), 10)
	out = append(out, ' ')
	out = strconv.AppendInt(out, int64(len(it.value())), 10)
	if withCAS {
		out = append(out, ' ')
		out = strconv.AppendUint(out, it.cas, 10)
	}
	c.out = append(out, "\r\n"...)
	c.appendValue(it.value())
	c.out = append(c.out, "\r\n"...)
}

// processUpdate serves set/add/replace/append/prepend/cas
// (process_update_command + complete_nread_ascii).
func (c *conn) processUpdate(t *tokenLine, mode storeMode) error {
	c.setNoreplyMaybe(t)
	if c.srv.cfg.Hardened && !storageLineUnambiguous(t, mode) {
		c.outString("CLIENT_ERROR bad command line format")
		return errCloseConn
	}
	key := string(t.tokens[1])
	flags, okFlags := parseUint32(t.tokens[2])
	exptime, okExp := parseInt32(t.tokens[3])
	vlen, okLen := parseInt32(t.tokens[4])
	if len(key) > maxKeyLength || !okFlags || !okExp || !okLen {
		c.outString("CLIENT_ERROR bad command line format")
		return c.hardenedSwallow(okLen, vlen)
	}
	exp := c.srv.store.realtime(exptime)
	var cas uint64
	if mode == modeCAS {
		var ok bool
		if cas, ok = parseUint64(t.tokens[5]); !ok {
			c.outString("CLIENT_ERROR bad command line format")
			return c.hardenedSwallow(true, vlen)
		}
	}
	if vlen < 0 || vlen > math.MaxInt32-2 {
		c.outString("CLIENT_ERROR bad command line format")
		return c.hardenedClose()
	}
	c.srv.detail.recordSet(t.tokens[1])
	if !c.srv.store.itemSizeOK(len(key), flags, int(vlen)) {
		c.srv.store.tooLarge(key, mode == modeSet)
		c.srv.watch.itemStore(c.fd, []byte(key), statusTooLarge, mode, 0, 0, 0)
		return c.swallowThen(int64(vlen)+2, "SERVER_ERROR object too large for cache")
	}
	var reserved pendingCharge
	if vlen >= pendingReserveMin {
		var ok bool
		if reserved, ok = c.srv.store.reservePending(len(key), flags, int(vlen)); !ok {
			c.srv.store.noMemory(key, mode == modeSet)
			return c.swallowThen(int64(vlen)+2, "SERVER_ERROR out of memory storing object")
		}
	}
	// The value is read straight into the item's allocation, after the key.
	it := allocItem(len(key), int(vlen))
	data := it.buf()
	copy(data, key)
	c.crlf = [2]byte{}
	if err := c.readBlockInto(data[len(key):], c.crlf[:]); err != nil {
		c.srv.store.releasePending(reserved)
		return err
	}
	if c.crlf != [2]byte{'\r', '\n'} {
		c.srv.store.releasePending(reserved)
		c.outString("CLIENT_ERROR bad data chunk")
		return c.hardenedClose()
	}
	res := c.srv.store.store(storeRequest{mode: mode, key: key, value: data[len(key):], it: it, flags: flags, exptime: exp, cas: cas, reserved: reserved})
	c.srv.watch.itemGet(c.fd, []byte(key), res.oldFound, res.clsid, res.size)
	c.srv.watch.itemStore(c.fd, []byte(key), res.status, mode, exp, res.clsid, res.size)
	c.outString(storeStatusText[res.status])
	return nil
}

var storeStatusText = map[storeStatus]string{
	statusStored:    "STORED",
	statusNotStored: "NOT_STORED",
	statusExists:    "EXISTS",
	statusNotFound:  "NOT_FOUND",
	statusTooLarge:  "NOT_STORED",
	statusNoMemory:  "SERVER_ERROR out of memory storing object",
}

// swallowThen discards n bytes of input and only then queues resp, which
// is how memcached withholds SERVER_ERROR until a too-large value is gone.
func (c *conn) swallowThen(n int64, resp string) error {
	noreply := c.noreply
	c.noreply = false
	if err := c.discard(n); err != nil {
		return err
	}
	c.noreply = noreply
	c.outString(resp)
	return nil
}

func (c *conn) processArithmetic(t *tokenLine, incr bool) {
	c.setNoreplyMaybe(t)
	if len(t.tokens[1]) > maxKeyLength {
		c.outString("CLIENT_ERROR bad command line format")
		return
	}
	delta, ok := parseUint64(t.tokens[2])
	if !ok {
		c.outString("CLIENT_ERROR invalid numeric delta argument")
		return
	}
	res := c.srv.store.applyDelta(deltaRequest{key: string(t.tokens[1]), incr: incr, delta: delta})
	switch res.status {
	case deltaOK:
		c.outString(res.value)
	case deltaNonNumeric:
		c.outString("CLIENT_ERROR cannot increment or decrement non-numeric value")
	case deltaNoMemory:
		c.outString("SERVER_ERROR out of memory")
	case deltaNotFound:
		c.outString("NOT_FOUND")
	}
}

func (c *conn) processDelete(t *tokenLine) {
	if n := t.ntokens(); n > 3 {
		holdIsZero := string(t.tokens[2]) == "0"
		noreply := c.setNoreplyMaybe(t)
		valid := (n == 4 && (holdIsZero || noreply)) || (n == 5 && holdIsZero && noreply)
		if !valid {
			c.outString("CLIENT_ERROR bad command line format.  Usage: delete <key> [noreply]")
			return
		}
	}
	key := t.tokens[1]
	if len(key) > maxKeyLength {
		c.outString("CLIENT_ERROR bad command line format")
		return
	}
	c.srv.detail.recordDelete(key)
	found, _ := c.srv.store.remove(string(key), false, 0)
	c.srv.watch.itemGet(c.fd, key, found, 0, 0)
	if found {
		c.outString("DELETED")
	} else {
		c.outString("NOT_FOUND")
	}
}

func (c *conn) processTouch(t *tokenLine) {
	c.setNoreplyMaybe(t)
	if len(t.tokens[1]) > maxKeyLength {
		c.outString("CLIENT_ERROR bad command line format")
		return
	}
	e, ok := parseInt32(t.tokens[2])
	if !ok {
		c.outString("CLIENT_ERROR invalid exptime argument")
		return
	}
	c.counters.touchCmds.Add(1)
	if _, found := c.srv.store.touch(string(t.tokens[1]), c.srv.store.realtime(e)); found {
		c.outString("TOUCHED")
	} else {
		c.outString("NOT_FOUND")
	}
}

func (c *conn) processFlushAll(t *tokenLine) {
	c.setNoreplyMaybe(t)
	c.srv.stats.flushCmds.Add(1)
	if c.srv.cfg.DisableFlush {
		// memcached counts the refused command in cmd_flush all the same.
		c.outString("CLIENT_ERROR flush_all not allowed")
		return
	}
	var delay int32
	want := 2
	if c.noreply {
		want = 3
	}
	if t.ntokens() != want {
		var ok bool
		if delay, ok = parseInt32(t.tokens[1]); !ok {
			c.outString("CLIENT_ERROR invalid exptime argument")
			return
		}
	}
	c.srv.store.flush(delay)
	c.outString("OK")
}

func (c *conn) processVerbosity(t *tokenLine) {
	c.setNoreplyMaybe(t)
	level, ok := parseUint32(t.tokens[1])
	if !ok {
		c.outString("CLIENT_ERROR bad command line format")
		return
	}
	c.srv.verbosity.Store(int32(min(level, 2)))
	c.outString("OK")
}

func (c *conn) processMemlimit(t *tokenLine) {
	c.setNoreplyMaybe(t)
	mb, ok := parseUint32(t.tokens[1])
	switch {
	case !ok:
		c.outString("ERROR")
	case mb < 8:
		c.outString("MEMLIMIT_TOO_SMALL cannot set maxbytes to less than 8m")
	case mb > 1000000000:
		c.outString("MEMLIMIT_ADJUST_FAILED input value is megabytes not bytes")
	default:
		c.srv.store.setMaxBytes(int64(mb) << 20)
		c.outString("OK")
	}
}
