package cacheserver

import (
	"encoding/binary"
	"fmt"
	"strconv"
	"strings"
)

const (
	binaryRequestMagic  = 0x80
	binaryResponseMagic = 0x81
	binaryHeaderSize    = 24
)

// Binary protocol opcodes.
const (
	opGet        = 0x00
	opSet        = 0x01
	opAdd        = 0x02
	opReplace    = 0x03
	opDelete     = 0x04
	opIncrement  = 0x05
	opDecrement  = 0x06
	opQuit       = 0x07
	opFlush      = 0x08
	opGetQ       = 0x09
	opNoop       = 0x0a
	opVersion    = 0x0b
	opGetK       = 0x0c
	opGetKQ      = 0x0d
	opAppend     = 0x0e
	opPrepend    = 0x0f
	opStat       = 0x10
	opSetQ       = 0x11
	opAddQ       = 0x12
	opReplaceQ   = 0x13
	opDeleteQ    = 0x14
	opIncrementQ = 0x15
	opDecrementQ = 0x16
	opQuitQ      = 0x17
	opFlushQ     = 0x18
	opAppendQ    = 0x19
	opPrependQ   = 0x1a
	opVerbosity  = 0x1b
	opTouch      = 0x1c
	opGAT        = 0x1d
	opGATQ       = 0x1e
	opSASLList   = 0x20
	opSASLAuth   = 0x21
	opSASLStep   = 0x22
	opGATK       = 0x23
	opGATKQ      = 0x24
)

// Binary protocol response statuses.
const (
	binOK            = 0x0000
	binKeyNotFound   = 0x0001
	binKeyExists     = 0x0002
	binTooLarge      = 0x0003
	binInvalid       = 0x0004
	binNotStored     = 0x0005
	binDeltaBadValue = 0x0006
	binAuthError     = 0x0020
	binUnknown       = 0x0081
	binNoMemory      = 0x0082
)

var binaryErrorText = map[uint16]string{
	binNoMemory: "Out of memory", binUnknown: "Unknown command", binKeyNotFound: "Not found",
	binInvalid: "Invalid arguments", binKeyExists: "Data exists for key.", binTooLarge: "Too large.",
	binDeltaBadValue: "Non-numeric server-side value for incr or decr", binNotStored: "Not stored.",
	binAuthError: "Auth failure.",
}

var binaryOpNames = map[byte]string{
	opGet: "get", opSet: "set", opAdd: "add", opReplace: "replace", opDelete: "delete",
	opIncrement: "incr", opDecrement: "decr", opQuit: "quit", opFlush: "flush", opGetQ: "getq",
	opNoop: "noop", opVersion: "version", opGetK: "getk", opGetKQ: "getkq", opAppend: "append",
	opPrepend: "prepend", opStat: "stat", opSetQ: "setq", opAddQ: "addq", opReplaceQ: "replaceq",
	opDeleteQ: "deleteq", opIncrementQ: "incrq", opDecrementQ: "decrq", opQuitQ: "quitq",
	opFlushQ: "flushq", opAppendQ: "appendq", opPrependQ: "prependq", opVerbosity: "verbosity",
	opTouch: "touch", opGAT: "gat", opGATQ: "gatq", opSASLList: "sasl_list_mechs",
	opSASLAuth: "sasl_auth", opSASLStep: "sasl_step", opGATK: "gatk", opGATKQ: "gatkq",
}

// binaryRequest is a parsed request packet.
type binaryRequest struct {
	opcode byte
	opaque uint32
	cas    uint64
	extras []byte
	key    []byte
	value  []byte
	// reserved is the memory charge of a large value (reservePending),
	// which its store takes over or dispatch releases.
	reserved pendingCharge
}

// isQuiet reports whether successful responses are suppressed.
func isQuiet(op byte) bool {
	switch op {
	case opGetQ, opGetKQ, opSetQ, opAddQ, opReplaceQ, opDeleteQ, opIncrementQ, opDecrementQ,
		opQuitQ, opFlushQ, opAppendQ, opPrependQ, opGATQ, opGATKQ:
		return true
	}
	return false
}

// isStorageOp reports whether the value part may be large.
func isStorageOp(op byte) bool {
	switch op {
	case opSet, opAdd, opReplace, opSetQ, opAddQ, opReplaceQ, opAppend, opPrepend, opAppendQ, opPrependQ:
		return true
	}
	return false
}

// writeBinary queues a response packet.
func (c *conn) writeBinary(req *binaryRequest, status uint16, cas uint64, extras, key, value []byte) {
	var h [binaryHeaderSize]byte
	h[0] = binaryResponseMagic
	h[1] = req.opcode
	binary.BigEndian.PutUint16(h[2:], uint16(len(key)))
	h[4] = byte(len(extras))
	binary.BigEndian.PutUint16(h[6:], status)
	binary.BigEndian.PutUint32(h[8:], uint32(len(extras)+len(key)+len(value)))
	binary.BigEndian.PutUint32(h[12:], req.opaque)
	binary.BigEndian.PutUint64(h[16:], cas)
	traced := h
	switch req.opcode {
	case opGet, opGetQ, opGetK, opGetKQ, opGAT, opGATQ, opGATK, opGATKQ, opTouch:
		// memcached traces get responses before filling in the CAS.
		clear(traced[16:])
	}
	c.traceHeader('>', "Writing bin response:", traced[:])
	c.out = append(c.out, h[:]...)
	c.out = append(c.out, extras...)
	c.out = append(c.out, key...)
	c.appendValue(value)
}

func (c *conn) writeBinaryError(req *binaryRequest, status uint16) {
	c.srv.logf(2, ">%d Writing an error: %s\n", c.fd, binaryErrorText[status])
	c.writeBinary(req, status, 0, nil, nil, []byte(binaryErrorText[status]))
}

// traceHeader prints a packet header the way memcached -vv does.
func (c *conn) traceHeader(dir byte, title string, h []byte) {
	if c.srv.verbosity.Load() < 2 {
		return
	}
	b := fmt.Appendf(nil, "%c%d %s", dir, c.fd, title)
	for i, x := range h[:binaryHeaderSize] {
		if i%4 == 0 {
			if dir == '<' {
				b = fmt.Appendf(b, "\n<%d   ", c.fd)
			} else {
				b = fmt.Appendf(b, "\n>%d  ", c.fd)
			}
		}
		b = fmt.Appendf(b, " 0x%02x", x)
	}
	c.srv.logf(2, "%s\n", b)
}

// processBinary handles one binary request packet, if complete. Like
// memcached's try_read_command_binary it waits for the header, extras and
// key, consumes them, and validates the lengths before the value part is
// read (validBinaryLengths); what is left of the body is read only by the
// commands that take a value.
func (c *conn) processBinary() (bool, error) {
	if c.w-c.r < binaryHeaderSize {
		return false, nil
	}
	h := c.buf[c.r : c.r+binaryHeaderSize]
	c.traceHeader('<', "Read binary protocol data:", h)
	if h[0] != binaryRequestMagic {
		// memcached goes straight to conn_closing: responses queued for
		// earlier packets of the batch are never sent.
		c.srv.logf(1, "Invalid magic:  %x\n", h[0])
		c.truncateOut(outMark{})
		return false, errCloseConn
	}
	keylen := int(binary.BigEndian.Uint16(h[2:]))
	extlen := int(h[4])
	bodylen := int64(binary.BigEndian.Uint32(h[8:]))
	if need := binaryHeaderSize + extlen + keylen; c.w-c.r < need {
		// A key of up to 64 KiB does not fit the 16 KiB buffer.
		c.growRead = need > len(c.buf)
		return false, nil
	}
	// try_read_command_binary attaches a response object to the packet.
	if !c.respStart() {
		return false, errConnOutOfMemory
	}
	req := &binaryRequest{
		opcode: h[1],
		opaque: binary.BigEndian.Uint32(h[12:]),
		cas:    binary.BigEndian.Uint64(h[16:]),
	}
	packet := c.buf[c.r : c.r+binaryHeaderSize+extlen+keylen]
	header := append([]byte(nil), h...)
	req.extras = append([]byte(nil), packet[binaryHeaderSize:binaryHeaderSize+extlen]...)
	req.key = append([]byte(nil), packet[binaryHeaderSize+extlen:]...)
	c.r += len(packet)
	c.observe("bin:"+binaryOpNames[req.opcode], binaryKeys(req), header)
	if int64(keylen)+int64(extlen) > bodylen {
		c.writeBinaryError(req, binUnknown)
		return false, errCloseConn
	}
	if c.srv.cfg.SASL && !c.authenticated {
		switch req.opcode {
		case opSASLList, opSASLAuth, opSASLStep, opVersion:
		default:
			c.writeBinaryError(req, binAuthError)
			return false, errCloseConn
		}
	}
	if keylen > maxKeyLength {
		return false, c.protocolError(req)
	}
	known, valid := validBinaryLengths(req.opcode, extlen, keylen, bodylen)
	if !known {
		// memcached swallows the body's length after having consumed the
		// extras and key, so it swallows that much too many.
		c.writeBinaryError(req, binUnknown)
		return true, c.discard(bodylen)
	}
	if !valid {
		c.srv.logf(1, "Protocol error (opcode %02x), close connection %d\n", req.opcode, c.fd)
		return false, c.protocolError(req)
	}
	vlen := bodylen - int64(keylen) - int64(extlen)
	switch {
	case isStorageOp(req.opcode):
		if vlen > int64(c.srv.cfg.ItemSizeMax) {
			c.srv.store.tooLarge(string(req.key), req.opcode == opSet || req.opcode == opSetQ)
			c.writeBinaryError(req, binTooLarge)
			return true, c.discard(vlen)
		}
	case (req.opcode == opSASLAuth || req.opcode == opSASLStep || req.opcode == opSASLList) && !c.srv.cfg.SASL:
		c.writeBinaryError(req, binUnknown)
		return true, c.discard(bodylen - int64(keylen))
	case req.opcode == opSASLAuth || req.opcode == opSASLStep:
		if keylen > maxSASLMechLength {
			c.writeBinaryError(req, binInvalid)
			return true, c.discard(vlen)
		}
		if itemTotalSize(keylen, 0, int(vlen), c.srv.store.cfg.useCAS) > c.srv.store.slabs.chunkMax {
			// memcached cannot take a chunked item for a SASL body.
			c.writeBinaryError(req, binNoMemory)
			return true, c.discard(vlen)
		}
	default:
		// Lengths are exact for every other command but stat, whose
		// excess body memcached leaves to be parsed as the next packet.
		vlen = 0
	}
	if vlen >= pendingReserveMin {
		var flags uint32
		if len(req.extras) >= 4 {
			flags = binary.BigEndian.Uint32(req.extras)
		}
		var ok bool
		if req.reserved, ok = c.srv.store.reservePending(keylen, flags, int(vlen)); !ok {
			c.srv.store.noMemory(string(req.key), req.opcode == opSet || req.opcode == opSetQ)
			c.writeBinaryError(req, binNoMemory)
			return true, c.discard(vlen)
		}
	}
	if vlen > 0 {
		value, err := c.readBlock(int(vlen))
		if err != nil {
			c.srv.store.releasePending(req.reserved)
			return false, err
		}
		req.value = value
	}
	switch req.opcode {
	case opSet, opSetQ, opAdd, opAddQ, opReplace, opReplaceQ:
		verb := map[byte]string{opSet: "SET", opSetQ: "SET", opAdd: "ADD", opAddQ: "ADD", opReplace: "REPLACE", opReplaceQ: "REPLACE"}[req.opcode]
		c.srv.logf(2, "<%d %s %s Value len is %d\n", c.fd, verb, req.key, len(req.value))
	case opGet, opGetQ, opGetK, opGetKQ:
		c.srv.logf(2, "<%d GET %s\n", c.fd, req.key)
	case opTouch, opGAT, opGATQ, opGATK, opGATKQ:
		c.srv.logf(2, "<%d TOUCH %s\n", c.fd, req.key)
	}
	return true, c.dispatchBinary(req)
}

// maxSASLMechLength is memcached's MAX_SASL_MECH_LEN.
const maxSASLMechLength = 32

// binaryKeys is the key list the Observer sees for a binary request.
func binaryKeys(req *binaryRequest) [][]byte {
	if len(req.key) == 0 {
		return nil
	}
	return [][]byte{req.key}
}

// validBinaryLengths is dispatch_bin_command's table: known reports
// whether memcached 1.6.18 serves the opcode at all, valid whether the
// extras, key and body lengths fit it. Quiet variants share the rules
// of their loud forms.
func validBinaryLengths(op byte, extlen, keylen int, bodylen int64) (known, valid bool) {
	kl, el := int64(keylen), int64(extlen)
	switch op {
	case opVersion, opNoop, opQuit, opQuitQ, opSASLList:
		return true, extlen == 0 && keylen == 0 && bodylen == 0
	case opFlush, opFlushQ:
		return true, keylen == 0 && bodylen == el && (extlen == 0 || extlen == 4)
	case opSet, opSetQ, opAdd, opAddQ, opReplace, opReplaceQ:
		return true, extlen == 8 && keylen != 0 && bodylen >= kl+8
	case opGet, opGetQ, opGetK, opGetKQ:
		return true, extlen == 0 && bodylen == kl && keylen > 0
	case opDelete, opDeleteQ:
		return true, keylen > 0 && extlen == 0 && bodylen == kl
	case opIncrement, opIncrementQ, opDecrement, opDecrementQ:
		return true, keylen > 0 && extlen == 20 && bodylen == kl+el
	case opAppend, opAppendQ, opPrepend, opPrependQ:
		return true, keylen > 0 && extlen == 0
	case opStat:
		return true, extlen == 0
	case opSASLAuth, opSASLStep:
		return true, extlen == 0 && keylen != 0
	case opTouch, opGAT, opGATQ, opGATK, opGATKQ:
		return true, extlen == 4 && keylen != 0
	}
	return false, false
}

// protocolError is memcached's handle_binary_protocol_error: the
// request is answered "Invalid arguments" and the connection closed.
func (c *conn) protocolError(req *binaryRequest) error {
	c.writeBinaryError(req, binInvalid)
	return errCloseConn
}

func (c *conn) dispatchBinary(req *binaryRequest) error {
	if !isStorageOp(req.opcode) {
		// A SASL body is charged while it arrives, not kept.
		c.srv.store.releasePending(req.reserved)
		req.reserved = pendingCharge{}
	}
	quiet := isQuiet(req.opcode)
	st := c.srv.store
	switch req.opcode {
	case opGet, opGetQ, opGetK, opGetKQ:
		if len(req.extras) != 0 || len(req.key) == 0 {
			return c.protocolError(req)
		}
		c.binaryGet(req, quiet)
	case opTouch, opGAT, opGATQ, opGATK, opGATKQ:
		if len(req.extras) != 4 || len(req.key) == 0 {
			return c.protocolError(req)
		}
		c.binaryGet(req, quiet)
	case opSet, opSetQ, opAdd, opAddQ, opReplace, opReplaceQ:
		if len(req.extras) != 8 || len(req.key) == 0 {
			return c.protocolError(req)
		}
		mode := map[byte]storeMode{opSet: modeSet, opSetQ: modeSet, opAdd: modeAdd, opAddQ: modeAdd,
			opReplace: modeReplace, opReplaceQ: modeReplace}[req.opcode]
		if req.cas != 0 {
			mode = modeCAS
		}
		flags := binary.BigEndian.Uint32(req.extras)
		exptime := st.realtime(int32(binary.BigEndian.Uint32(req.extras[4:])))
		c.binaryStore(req, quiet, storeRequest{mode: mode, key: string(req.key), value: req.value,
			flags: flags, exptime: exptime, cas: req.cas, reserved: req.reserved})
	case opAppend, opAppendQ, opPrepend, opPrependQ:
		if len(req.extras) != 0 || len(req.key) == 0 {
			return c.protocolError(req)
		}
		mode := modeAppend
		if req.opcode == opPrepend || req.opcode == opPrependQ {
			mode = modePrepend
		}
		c.binaryStore(req, quiet, storeRequest{mode: mode, key: string(req.key), value: req.value, cas: req.cas, reserved: req.reserved})
	case opDelete, opDeleteQ:
		if len(req.extras) != 0 || len(req.key) == 0 {
			return c.protocolError(req)
		}
		c.srv.detail.recordDelete(req.key)
		found, casOK := st.remove(string(req.key), req.cas != 0, req.cas)
		switch {
		case !found:
			c.writeBinaryError(req, binKeyNotFound)
		case !casOK:
			c.writeBinaryError(req, binKeyExists)
		case !quiet:
			c.writeBinary(req, binOK, 0, nil, nil, nil)
		}
	case opIncrement, opIncrementQ, opDecrement, opDecrementQ:
		if len(req.extras) != 20 || len(req.key) == 0 {
			return c.protocolError(req)
		}
		c.binaryDelta(req, quiet)
	case opQuit, opQuitQ:
		if !quiet {
			c.writeBinary(req, binOK, 0, nil, nil, nil)
		}
		return errCloseConn
	case opFlush, opFlushQ:
		if c.srv.cfg.DisableFlush {
			// Unlike the text protocol, memcached does not count a
			// refused binary flush in cmd_flush.
			c.writeBinaryError(req, binAuthError)
			return nil
		}
		var delay int32
		if len(req.extras) == 4 {
			delay = int32(binary.BigEndian.Uint32(req.extras))
		}
		c.srv.stats.flushCmds.Add(1)
		st.flush(delay)
		if !quiet {
			c.writeBinary(req, binOK, 0, nil, nil, nil)
		}
	case opNoop:
		c.writeBinary(req, binOK, 0, nil, nil, nil)
	case opVersion:
		c.writeBinary(req, binOK, 0, nil, nil, []byte(Version))
	case opVerbosity:
		c.writeBinary(req, binOK, 0, nil, nil, nil)
	case opStat:
		c.binaryStats(req)
	case opSASLList:
		c.writeBinary(req, binOK, 0, nil, nil, []byte("PLAIN"))
	case opSASLAuth, opSASLStep:
		c.srv.stats.authCmds.Add(1)
		if req.opcode == opSASLAuth && string(req.key) == "PLAIN" && c.saslPlain(req.value) {
			c.authenticated = true
			c.writeBinary(req, binOK, 0, nil, nil, []byte("Authenticated"))
		} else {
			c.srv.stats.authErrors.Add(1)
			c.writeBinaryError(req, binAuthError)
		}
	default:
		c.writeBinaryError(req, binUnknown)
	}
	return nil
}

func (c *conn) binaryGet(req *binaryRequest, quiet bool) {
	st := c.srv.store
	touch := req.opcode == opTouch || req.opcode == opGAT || req.opcode == opGATQ ||
		req.opcode == opGATK || req.opcode == opGATKQ
	withKey := req.opcode == opGetK || req.opcode == opGetKQ || req.opcode == opGATK || req.opcode == opGATKQ
	var exptime int64
	if touch {
		exptime = st.realtime(int32(binary.BigEndian.Uint32(req.extras)))
		c.counters.touchCmds.Add(1)
	} else {
		c.counters.getCmds.Add(1)
	}
	it, found := st.get(string(req.key), true, touch, exptime)
	c.srv.detail.recordGet(req.key, found)
	c.srv.watch.itemGet(c.fd, req.key, found, int(it.clsid), len(it.value()))
	if !found {
		if quiet {
			return
		}
		if withKey {
			c.writeBinary(req, binKeyNotFound, 0, nil, req.key, nil)
		} else {
			c.writeBinaryError(req, binKeyNotFound)
		}
		return
	}
	var extras [4]byte
	binary.BigEndian.PutUint32(extras[:], it.flags)
	var key, value []byte
	if withKey {
		key = req.key
	}
	if req.opcode != opTouch {
		value = it.value()
	}
	c.writeBinary(req, binOK, it.cas, extras[:], key, value)
}

func (c *conn) binaryStore(req *binaryRequest, quiet bool, sr storeRequest) {
	c.srv.detail.recordSet(req.key)
	res := c.srv.store.store(sr)
	c.srv.watch.itemStore(c.fd, req.key, res.status, sr.mode, sr.exptime, res.clsid, res.size)
	switch res.status {
	case statusStored:
		if !quiet {
			c.writeBinary(req, binOK, res.cas, nil, nil, nil)
		}
	case statusExists:
		c.writeBinaryError(req, binKeyExists)
	case statusNotFound:
		c.writeBinaryError(req, binKeyNotFound)
	case statusTooLarge:
		c.writeBinaryError(req, binTooLarge)
	case statusNoMemory:
		c.writeBinaryError(req, binNoMemory)
	default: // not stored
		switch sr.mode {
		case modeAdd:
			c.writeBinaryError(req, binKeyExists)
		case modeReplace:
			c.writeBinaryError(req, binKeyNotFound)
		default:
			c.writeBinaryError(req, binNotStored)
		}
	}
}

func (c *conn) binaryDelta(req *binaryRequest, quiet bool) {
	incr := req.opcode == opIncrement || req.opcode == opIncrementQ
	delta := binary.BigEndian.Uint64(req.extras)
	initial := binary.BigEndian.Uint64(req.extras[8:])
	exp := binary.BigEndian.Uint32(req.extras[16:])
	dr := deltaRequest{key: string(req.key), incr: incr, delta: delta, cas: req.cas}
	if exp != 0xffffffff {
		dr.vivify, dr.initial, dr.vivifyTTL = true, initial, c.srv.store.realtime(int32(exp))
	}
	res := c.srv.store.applyDelta(dr)
	switch res.status {
	case deltaOK:
		if !quiet {
			v, _ := strconv.ParseUint(res.value, 10, 64)
			var body [8]byte
			binary.BigEndian.PutUint64(body[:], v)
			c.writeBinary(req, binOK, res.it.cas, nil, nil, body[:])
		}
	case deltaNonNumeric:
		c.writeBinaryError(req, binDeltaBadValue)
	case deltaCASMismatch:
		c.writeBinaryError(req, binKeyExists)
	case deltaNotFound:
		c.writeBinaryError(req, binKeyNotFound)
	default:
		c.writeBinaryError(req, binNoMemory)
	}
}

// binaryStats answers a binary stat request (process_bin_stat): each
// statistic as a packet, then an empty one. Like memcached it matches
// "reset", "settings" and "detail" as prefixes of the key and the other
// groups exactly.
func (c *conn) binaryStats(req *binaryRequest) {
	w := &binaryStats{c: c, req: req}
	key := string(req.key)
	switch {
	case key == "":
		c.srv.generalStats(w)
	case strings.HasPrefix(key, "reset"):
		c.srv.resetStats()
	case strings.HasPrefix(key, "settings"):
		c.srv.settingsStats(w)
	case strings.HasPrefix(key, "detail"):
		switch sub := key[len("detail"):]; {
		case strings.HasPrefix(sub, " dump"):
			w.add("detailed", string(c.srv.detail.dump()))
		case strings.HasPrefix(sub, " on"):
			c.srv.detail.enabled.Store(true)
		case strings.HasPrefix(sub, " off"):
			c.srv.detail.enabled.Store(false)
		default:
			c.writeBinaryError(req, binKeyNotFound)
			return
		}
	case key == "items":
		c.srv.store.itemStats(w)
	case key == "slabs":
		c.srv.store.slabStats(w)
	case key == "sizes":
		w.add("sizes_status", "disabled")
	default:
		c.writeBinaryError(req, binKeyNotFound)
		return
	}
	w.end()
}
