package cacheserver

import (
	"encoding/base64"
	"math"
	"strconv"
)

const (
	metaMaxOptTokens  = 20 // MFLAG_MAX_OPT_LENGTH
	metaMaxOpaqueSize = 32 // MFLAG_MAX_OPAQUE_LENGTH
)

// metaFlags is the result of memcached's _meta_flag_preparse.
type metaFlags struct {
	noUpdate, vivify, value, setStale, noReply, hasCAS, newTTL, keyBinary bool
	mode                                                                  byte
	exptime, vivifyTTL, recacheTTL                                        int64
	recache                                                               bool
	clientFlags                                                           uint32
	cas, delta, initial                                                   uint64
}

// parseMetaFlags validates the flag tokens from index start on, decoding a
// base64 key in place (the b flag). It returns memcached's error string.
func (c *conn) parseMetaFlags(t *tokenLine, start int) (metaFlags, string) {
	f := metaFlags{delta: 1}
	errstr := "CLIENT_ERROR bad command line format"
	hasError := false
	var seen [127]bool
	for i := start; i < len(t.tokens); i++ {
		tok := t.tokens[i]
		o := tok[0]
		if o >= 127 || seen[o] {
			return f, "CLIENT_ERROR duplicate flag"
		}
		seen[o] = true
		arg := tok[1:]
		switch o {
		case 'b':
			key := t.tokens[1]
			dec := make([]byte, base64.StdEncoding.DecodedLen(len(key)))
			n, err := base64.StdEncoding.Decode(dec, key)
			if err != nil || n == 0 {
				errstr, hasError = "CLIENT_ERROR error decoding key", true
				n = 0
			}
			t.tokens[1] = dec[:n]
			f.keyBinary = true
		case 'N', 'T', 'R':
			v, ok := parseInt32(arg)
			if !ok {
				errstr, hasError = "CLIENT_ERROR bad token in command line format", true
				break
			}
			rt := c.srv.store.realtime(v)
			switch o {
			case 'N':
				f.vivify, f.vivifyTTL = true, rt
			case 'T':
				f.exptime, f.newTTL = rt, true
			case 'R':
				f.recache, f.recacheTTL = true, rt
			}
		case 'l', 'h', 'O', 'P', 'L', 'k', 's', 't', 'c', 'f':
		case 'v':
			f.value = true
		case 'u':
			f.noUpdate = true
		case 'q':
			f.noReply = true
		case 'F':
			v, ok := parseUint32(arg)
			if !ok {
				hasError = true
			}
			f.clientFlags = v
		case 'C':
			v, ok := parseUint64(arg)
			if !ok {
				errstr, hasError = "CLIENT_ERROR bad token in command line format", true
			}
			f.cas, f.hasCAS = v, ok
		case 'M':
			if len(tok) != 2 {
				errstr, hasError = "CLIENT_ERROR incorrect length for M token", true
			} else {
				f.mode = tok[1]
			}
		case 'J':
			v, ok := parseUint64(arg)
			if !ok {
				errstr, hasError = "CLIENT_ERROR invalid numeric initial value", true
			}
			f.initial = v
		case 'D':
			v, ok := parseUint64(arg)
			if !ok {
				errstr, hasError = "CLIENT_ERROR invalid numeric delta value", true
			}
			f.delta = v
		case 'I':
			f.setStale = true
		default:
			return f, "CLIENT_ERROR invalid flag"
		}
	}
	if hasError {
		return f, errstr
	}
	return f, ""
}

// appendMetaKey writes the k flag: the key, or its base64 form plus " b".
func appendMetaKey(p []byte, key []byte, binary bool) []byte {
	p = append(p, " k"...)
	if !binary {
		return append(p, key...)
	}
	p = base64.StdEncoding.AppendEncode(p, key)
	return append(p, " b"...)
}

// appendOpaqueAndKey echoes O and k flags, used by responses without an item.
func appendOpaqueAndKey(p []byte, t *tokenLine, key []byte, binary bool) ([]byte, bool) {
	for _, tok := range t.tokens[2:] {
		switch tok[0] {
		case 'O':
			if len(tok) > metaMaxOpaqueSize {
				return p, false
			}
			p = append(append(p, ' '), tok...)
		case 'k':
			p = appendMetaKey(p, key, binary)
		}
	}
	return p, true
}

func (c *conn) dispatchMeta(verb byte, t *tokenLine) error {
	switch verb {
	case 'g':
		c.processMetaGet(t)
	case 's':
		return c.processMetaSet(t)
	case 'd':
		c.processMetaDelete(t)
	case 'a':
		c.processMetaArithmetic(t)
	case 'e':
		c.processMetaDebug(t)
	case 'n':
		c.outString("MN")
		return c.flush() // mn forces a write, like memcached's conn_mwrite
	default:
		c.outString("ERROR")
	}
	return nil
}

func (c *conn) processMetaGet(t *tokenLine) {
	if !c.wantTokensRange(t, 3, -1) {
		return
	}
	if len(t.tokens[1]) > maxKeyLength {
		c.outErrString("CLIENT_ERROR bad command line format")
		return
	}
	if t.ntokens() > metaMaxOptTokens {
		c.outErrString("CLIENT_ERROR options flags are too long")
		return
	}
	f, errstr := c.parseMetaFlags(t, 2)
	if errstr != "" {
		c.outErrString(errstr)
		return
	}
	c.noreply = f.noReply
	key := t.tokens[1]
	st := c.srv.store
	now := st.current()
	res := st.metaGet(string(key), metaGetOptions{
		noUpdate: f.noUpdate, setTTL: f.newTTL, ttl: f.exptime,
		vivify: f.vivify, vivifyTTL: f.vivifyTTL, recache: f.recache, recacheTTL: f.recacheTTL,
		binaryKey: f.keyBinary,
	})
	if f.newTTL {
		c.counters.touchCmds.Add(1)
	} else {
		c.counters.getCmds.Add(1)
	}
	c.srv.watch.itemGet(c.fd, key, res.found, int(res.it.clsid), len(res.it.value()))
	var p []byte
	if !res.found {
		p = append(p, "EN"...)
		var ok bool
		if p, ok = appendOpaqueAndKey(p, t, key, f.keyBinary); !ok {
			c.outErrString("CLIENT_ERROR opaque token too long")
			return
		}
		if c.noreply {
			c.noreply = false
			return
		}
		c.write(append(p, "\r\n"...))
		return
	}
	it := &res.it
	if f.value {
		p = append(p, "VA "...)
		p = strconv.AppendInt(p, int64(len(it.value())), 10)
	} else {
		p = append(p, "HD"...)
	}
	for _, tok := range t.tokens[2:] {
		switch tok[0] {
		case 's':
			p = strconv.AppendInt(append(p, " s"...), int64(len(it.value())), 10)
		case 't':
			p = append(p, " t"...)
			if it.exptime == 0 {
				p = append(p, "-1"...)
			} else {
				p = strconv.AppendUint(p, uint64(uint32(int64(it.exptime)-now)), 10)
			}
		case 'c':
			p = strconv.AppendUint(append(p, " c"...), it.cas, 10)
		case 'f':
			p = strconv.AppendUint(append(p, " f"...), uint64(it.flags), 10)
		case 'l':
			p = strconv.AppendUint(append(p, " l"...), uint64(uint32(now-int64(it.time))), 10)
		case 'h':
			if it.has(itemFetched) {
				p = append(p, " h1"...)
			} else {
				p = append(p, " h0"...)
			}
		case 'O':
			if len(tok) > metaMaxOpaqueSize {
				c.outErrString("CLIENT_ERROR opaque token too long")
				return
			}
			p = append(append(p, ' '), tok...)
		case 'k':
			p = appendMetaKey(p, []byte(it.key()), it.has(itemBinaryKey))
		}
	}
	if it.has(itemTokenSent) && !res.won {
		p = append(p, " Z"...)
	}
	if it.has(itemStale) {
		p = append(p, " X"...)
	}
	if res.won {
		p = append(p, " W"...)
	}
	p = append(p, "\r\n"...)
	c.noreply = false
	c.write(p)
	if f.value {
		c.appendValue(it.value())
		c.out = append(c.out, "\r\n"...)
	}
}

// rejectMetaSet answers an ms line rejected after its length was read:
// memcached swallows the data block first; hardened mode closes instead.
func (c *conn) rejectMetaSet(swallow int64, errstr string) error {
	if c.srv.cfg.Hardened {
		c.outErrString(errstr)
		return errCloseConn
	}
	return c.swallowThen(swallow, errstr)
}

// processMetaSet serves ms. In hardened mode a rejected line closes the
// connection, except for a too-large value: the line's flags are free-form,
// so a key holding a space shifts the length and leaves no way to find the
// data block (the client's real length then fails as a flag).
func (c *conn) processMetaSet(t *tokenLine) error {
	if !c.wantTokensRange(t, 3, -1) {
		return c.hardenedClose()
	}
	if len(t.tokens[1]) > maxKeyLength || t.ntokens() == 3 {
		c.outErrString("CLIENT_ERROR bad command line format")
		return c.hardenedClose()
	}
	if t.ntokens() > metaMaxOptTokens {
		c.outErrString("CLIENT_ERROR options flags too long")
		return c.hardenedClose()
	}
	vlen, ok := parseInt32(t.tokens[2])
	if !ok || vlen < 0 || vlen > math.MaxInt32-2 {
		c.outErrString("CLIENT_ERROR bad command line format")
		return c.hardenedClose()
	}
	swallow := int64(vlen) + 2
	f, errstr := c.parseMetaFlags(t, 3)
	if errstr != "" {
		return c.rejectMetaSet(swallow, errstr)
	}
	c.noreply = f.noReply
	for _, tok := range t.tokens[3:] {
		if tok[0] == 'O' && len(tok) > metaMaxOpaqueSize {
			return c.rejectMetaSet(swallow, "CLIENT_ERROR opaque token too long")
		}
	}
	mode := modeSet
	switch f.mode {
	case 0, 'S', 's':
	case 'E', 'e':
		mode = modeAdd
	case 'A', 'a':
		mode = modeAppend
	case 'P', 'p':
		mode = modePrepend
	case 'R', 'r':
		mode = modeReplace
	default:
		return c.rejectMetaSet(swallow, "CLIENT_ERROR invalid mode for ms M token")
	}
	if f.hasCAS && (mode == modeSet || mode == modeReplace) {
		mode = modeCAS
	}
	key := string(t.tokens[1])
	if !c.srv.store.itemSizeOK(len(key), f.clientFlags, int(vlen)) {
		c.srv.store.tooLarge(key, true)
		c.srv.watch.itemStore(c.fd, []byte(key), statusTooLarge, mode, 0, 0, 0)
		c.noreply = false
		return c.swallowThen(swallow, "SERVER_ERROR object too large for cache")
	}
	// Collect the response flags before the data block reuses the buffer.
	var want []byte
	for _, tok := range t.tokens[3:] {
		switch tok[0] {
		case 'O':
			want = append(append(want, ' '), tok...)
		case 'k':
			want = appendMetaKey(want, []byte(key), f.keyBinary)
		case 'c':
			want = append(want, " c"...)
		}
	}
	var reserved pendingCharge
	if vlen >= pendingReserveMin {
		var ok bool
		if reserved, ok = c.srv.store.reservePending(len(key), f.clientFlags, int(vlen)); !ok {
			c.srv.store.noMemory(key, mode == modeSet)
			c.noreply = false
			return c.swallowThen(swallow, "SERVER_ERROR out of memory storing object")
		}
	}
	data, err := c.readBlock(int(swallow))
	if err != nil {
		c.srv.store.releasePending(reserved)
		return err
	}
	if string(data[vlen:]) != "\r\n" {
		c.srv.store.releasePending(reserved)
		c.outErrString("CLIENT_ERROR bad data chunk")
		return c.hardenedClose()
	}
	res := c.srv.store.store(storeRequest{mode: mode, key: key, value: data[:vlen:vlen],
		flags: f.clientFlags, exptime: f.exptime, cas: f.cas, binaryKey: f.keyBinary, reserved: reserved,
		setStale: f.setStale && mode == modeCAS})
	c.srv.watch.itemGet(c.fd, []byte(key), res.oldFound, res.clsid, res.size)
	c.srv.watch.itemStore(c.fd, []byte(key), res.status, mode, f.exptime, res.clsid, res.size)
	var p []byte
	switch res.status {
	case statusStored:
		if c.noreply {
			c.noreply = false
			return nil
		}
		p = append(p, "HD"...)
	case statusExists:
		p = append(p, "EX"...)
	case statusNotFound:
		p = append(p, "NF"...)
	case statusNotStored, statusTooLarge:
		p = append(p, "NS"...)
	default:
		c.outErrString("SERVER_ERROR out of memory storing object")
		return nil
	}
	// The c flag reports the new CAS, which only exists now.
	for i := 0; i < len(want); i++ {
		if want[i] == ' ' && i+1 < len(want) && want[i+1] == 'c' && (i+2 == len(want) || want[i+2] == ' ') {
			p = strconv.AppendUint(append(p, " c"...), res.cas, 10)
			i++
			continue
		}
		j := i + 1
		for j < len(want) && want[j] != ' ' {
			j++
		}
		p = append(p, want[i:j]...)
		i = j - 1
	}
	c.noreply = false
	c.write(append(p, "\r\n"...))
	return nil
}

// metaKeyCommand checks the line of md and ma, which memcached 1.6.18
// validates alike (key length, option count, flags) and with the same
// errors, and parses its flags. It has answered when ok is false.
func (c *conn) metaKeyCommand(t *tokenLine) (f metaFlags, ok bool) {
	if !c.wantTokensRange(t, 3, -1) {
		return f, false
	}
	if len(t.tokens[1]) > maxKeyLength {
		c.outString("CLIENT_ERROR bad command line format")
		return f, false
	}
	if t.ntokens() > metaMaxOptTokens {
		c.outString("CLIENT_ERROR options flags too long")
		return f, false
	}
	f, errstr := c.parseMetaFlags(t, 2)
	if errstr != "" {
		c.outErrString("CLIENT_ERROR invalid or duplicate flag")
		return f, false
	}
	c.noreply = f.noReply
	return f, true
}

func (c *conn) processMetaDelete(t *tokenLine) {
	f, ok := c.metaKeyCommand(t)
	if !ok {
		return
	}
	key := t.tokens[1]
	flagsOut, ok := appendOpaqueAndKey(nil, t, key, f.keyBinary)
	if !ok {
		c.outErrString("CLIENT_ERROR opaque token too long")
		return
	}
	var found, casOK bool
	if f.setStale {
		found, casOK = c.srv.store.markStale(string(key), f.hasCAS, f.cas, f.newTTL, f.exptime)
	} else {
		found, casOK = c.srv.store.remove(string(key), f.hasCAS, f.cas)
	}
	c.srv.watch.itemGet(c.fd, key, found, 0, 0)
	var status string
	switch {
	case !found:
		status = "NF"
	case !casOK:
		status = "EX"
	default:
		if c.noreply {
			c.noreply = false
			return
		}
		status = "HD"
	}
	c.noreply = false
	c.write(append(append([]byte(status), flagsOut...), "\r\n"...))
}

func (c *conn) processMetaArithmetic(t *tokenLine) {
	f, ok := c.metaKeyCommand(t)
	if !ok {
		return
	}
	incr := true
	switch f.mode {
	case 0, 'I', 'i', '+':
	case 'D', 'd', '-':
		incr = false
	default:
		c.outErrString("CLIENT_ERROR invalid mode for ma M token")
		return
	}
	key := t.tokens[1]
	req := deltaRequest{key: string(key), incr: incr, delta: f.delta, vivify: f.vivify,
		initial: f.initial, vivifyTTL: f.vivifyTTL, setTTL: f.newTTL, ttl: f.exptime}
	if f.hasCAS {
		req.cas = f.cas
	}
	res := c.srv.store.applyDelta(req)
	var p []byte
	switch res.status {
	case deltaNonNumeric:
		c.outErrString("CLIENT_ERROR cannot increment or decrement non-numeric value")
		return
	case deltaNoMemory:
		c.outErrString("SERVER_ERROR out of memory")
		return
	case deltaNotFound, deltaCASMismatch:
		if res.status == deltaNotFound {
			p = append(p, "NF"...)
		} else {
			p = append(p, "EX"...)
		}
		var ok bool
		if p, ok = appendOpaqueAndKey(p, t, key, f.keyBinary); !ok {
			c.outErrString("CLIENT_ERROR opaque token too long")
			return
		}
		c.noreply = false
		c.write(append(p, "\r\n"...))
		return
	}
	if c.noreply {
		c.noreply = false
		return
	}
	it := &res.it
	if f.value {
		p = strconv.AppendInt(append(p, "VA "...), int64(len(res.value)), 10)
	} else {
		p = append(p, "HD"...)
	}
	now := c.srv.store.current()
	for _, tok := range t.tokens[2:] {
		switch tok[0] {
		case 'c':
			p = strconv.AppendUint(append(p, " c"...), it.cas, 10)
		case 't':
			p = append(p, " t"...)
			if it.exptime == 0 {
				p = append(p, "-1"...)
			} else {
				p = strconv.AppendUint(p, uint64(uint32(int64(it.exptime)-now)), 10)
			}
		case 'O':
			if len(tok) > metaMaxOpaqueSize {
				c.outErrString("CLIENT_ERROR opaque token too long")
				return
			}
			p = append(append(p, ' '), tok...)
		case 'k':
			p = appendMetaKey(p, key, f.keyBinary)
		}
	}
	p = append(p, "\r\n"...)
	if f.value {
		p = append(append(p, res.value...), "\r\n"...)
	}
	c.write(p)
}

// processMetaDebug serves "me": item metadata, a dump command.
func (c *conn) processMetaDebug(t *tokenLine) {
	if t.ntokens() < 3 || len(t.tokens[1]) > maxKeyLength {
		c.outString("CLIENT_ERROR bad command line format")
		return
	}
	if c.srv.cfg.Hardened {
		c.outString("CLIENT_ERROR meta debug disabled")
		return
	}
	key := t.tokens[1]
	if t.ntokens() >= 4 && string(t.tokens[2]) == "b" {
		dec, err := base64.StdEncoding.DecodeString(string(key))
		if err != nil || len(dec) == 0 {
			c.outString("CLIENT_ERROR bad command line format")
			return
		}
		key = dec
	}
	c.counters.metaCmds.Add(1)
	st := c.srv.store
	it, ok := st.peek(string(key))
	if !ok {
		c.outString("EN")
		return
	}
	now := st.current()
	p := []byte("ME ")
	if it.has(itemBinaryKey) {
		p = base64.StdEncoding.AppendEncode(p, []byte(it.key()))
	} else {
		p = append(p, it.key()...)
	}
	p = append(p, " exp="...)
	if it.exptime == 0 {
		p = append(p, "-1"...)
	} else {
		p = strconv.AppendInt(p, int64(int32(now-int64(it.exptime))), 10)
	}
	p = append(p, " la="...)
	p = strconv.AppendUint(p, uint64(uint32(now-int64(it.time))), 10)
	p = append(p, " cas="...)
	p = strconv.AppendUint(p, it.cas, 10)
	if it.has(itemFetched) {
		p = append(p, " fetch=yes"...)
	} else {
		p = append(p, " fetch=no"...)
	}
	p = append(p, " cls="...)
	p = strconv.AppendInt(p, int64(it.clsid), 10)
	p = append(p, " size="...)
	p = strconv.AppendInt(p, int64(it.ntotal()), 10)
	c.write(append(p, "\r\n"...))
}
