package cacheserver

import "math"

// hardenedSwallow discards the data block of a rejected storage line when
// its length is known. memcached 1.6.18 never does this (the block is then
// parsed as commands); hardened mode does, like 1.6.40 for long keys, and
// closes the connection when the length is not a valid one: the block's
// end is then unknown, and whatever follows could be a smuggled command.
func (c *conn) hardenedSwallow(lengthOK bool, vlen int32) error {
	if !c.srv.cfg.Hardened {
		return nil
	}
	if !lengthOK || vlen < 0 || vlen > math.MaxInt32-2 {
		return errCloseConn
	}
	return c.discard(int64(vlen) + 2)
}

// hardenedClose ends the connection, in hardened mode, after a storage
// line whose data block cannot be delimited was rejected.
func (c *conn) hardenedClose() error {
	if c.srv.cfg.Hardened {
		return errCloseConn
	}
	return nil
}

// storageLineUnambiguous reports whether a storage line has exactly its
// syntax's tokens, the optional one being "noreply". memcached ignores
// any other word there, which is how a key holding a space ("a b") shifts
// every field, the length included: such a line's data block cannot be
// found, so hardened mode does not guess.
func storageLineUnambiguous(t *tokenLine, mode storeMode) bool {
	base := 6
	if mode == modeCAS {
		base = 7
	}
	switch t.ntokens() {
	case base:
		return true
	case base + 1:
		return string(t.tokens[base-1]) == "noreply"
	}
	return false
}
