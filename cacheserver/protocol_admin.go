package cacheserver

import "strconv"

// Administrative text commands that tune memcached internals this server
// does not have (slab rebalancing, LRU segments). They are parsed and
// answered exactly as memcached 1.6.18 answers them, without effect.

func (c *conn) processSlabs(t *tokenLine) {
	n := t.ntokens()
	switch {
	case n == 5 && string(t.tokens[1]) == "reassign":
		src, ok1 := parseInt32(t.tokens[2])
		dst, ok2 := parseInt32(t.tokens[3])
		largest := int32(c.srv.store.slabs.largest())
		switch {
		case !ok1 || !ok2:
			c.outString("CLIENT_ERROR bad command line format")
		case src == dst:
			c.outString("SAME src and dst class are identical")
		case (src != -1 && (src < 1 || src > largest)) || dst < 1 || dst > largest:
			c.outString("BADCLASS invalid src or dst class id")
		default:
			c.outString("NOSPARE source class has no spare pages")
		}
	case n >= 4 && string(t.tokens[1]) == "automove":
		c.setNoreplyMaybe(t)
		if string(t.tokens[2]) == "ratio" {
			if _, err := strconv.ParseFloat(string(t.arg(3)), 64); n < 5 || err != nil {
				c.outString("ERROR")
				return
			}
			c.outString("OK")
			return
		}
		level, ok := parseUint32(t.tokens[2])
		switch {
		case !ok:
			c.outString("CLIENT_ERROR bad command line format")
		case level > 2:
			c.outString("ERROR")
		default:
			c.outString("OK")
		}
	default:
		c.outString("ERROR")
	}
}

func (c *conn) processLRU(t *tokenLine) {
	c.setNoreplyMaybe(t)
	n := t.ntokens()
	switch sub := string(t.tokens[1]); {
	case sub == "tune" && n >= 7:
		hot, ok1 := parseUint32(t.tokens[2])
		warm, ok2 := parseUint32(t.tokens[3])
		hotFactor, err1 := strconv.ParseFloat(string(t.tokens[4]), 64)
		factor, err2 := strconv.ParseFloat(string(t.tokens[5]), 64)
		switch {
		case !ok1 || !ok2 || err1 != nil || err2 != nil:
			c.outString("ERROR")
		case hot+warm > 80:
			c.outString("ERROR hot and warm pcts must not exceed 80")
		case factor <= 0 || hotFactor <= 0:
			c.outString("ERROR hot/warm age factors must be greater than 0")
		default:
			c.outString("OK")
		}
	case sub == "mode" && n >= 4:
		if m := string(t.tokens[2]); m == "flat" || m == "segmented" {
			c.outString("OK")
		} else {
			c.outString("ERROR")
		}
	case sub == "temp_ttl" && n >= 4:
		if _, ok := parseInt32(t.tokens[2]); ok {
			c.outString("OK")
		} else {
			c.outString("ERROR")
		}
	default:
		c.outString("ERROR")
	}
}
