package model

import (
	"fmt"
	"strconv"
	"strings"
)

// The harm a bad key does depends on the client: what it refuses (Check)
// and what it writes (Protocol). These functions say it, for the
// diagnostics of keyinjection and keylength.

// lineBreaks are the bytes that end a text or meta command line: memcached
// takes a bare LF as the end of a line and strips a CR before it.
const lineBreaks = 1<<'\r' | 1<<'\n'

// HarmfulBytes are the unsafe bytes that do harm in c's keys: every one,
// but for a cache service reached by RPC, which carries a key as bytes and
// whose client refuses none (App Engine).
func (c *Client) HarmfulBytes() ByteSet {
	if c.Protocol == ProtocolRPC {
		return c.Check.Rejects
	}
	return AnyUnsafe
}

// KeyHarm says what bytes, reaching a key of c, do: for a key the sender
// chooses (attacker) or for one unsafe by construction.
func (c *Client) KeyHarm(bytes ByteSet, attacker bool) string {
	passed := bytes &^ c.Check.Rejects
	if passed == 0 {
		if attacker {
			return fmt.Sprintf("%s in it makes %s fail with %s, so the sender picks which requests fail and bypass the cache", bytes, c.Name, c.Check.Error)
		}
		return fmt.Sprintf("%s rejects such keys with %s, so the call always fails", c.Name, c.Check.Error)
	}
	check := c.Name + " sends the key as it is"
	if c.Check.Rejects != 0 {
		check = c.Name + "'s key check lets " + passed.String() + " through"
	}
	switch c.Protocol {
	case ProtocolBinary:
		return check + ": the binary protocol carries the key as bytes, so nothing is injected, but memcached stores " + passed.String() + " as sent, and stats cachedump and lru_crawler metadump print the raw bytes to whoever reads the dump"
	case ProtocolText, ProtocolMeta, ProtocolAny:
		verb := "the command line"
		if c.Protocol == ProtocolMeta {
			verb = "the meta command line"
		}
		var what string
		switch {
		case passed&lineBreaks != 0 && attacker:
			what = "CR/LF in it ends " + verb + ", so the sender injects memcached commands (flush_all, set, delete)"
		case passed&lineBreaks != 0:
			what = "it ends " + verb + ", so memcached runs a different command"
		case passed.Has(' ') && c.Protocol == ProtocolMeta:
			what = "a space in it ends the key on the mg/ms/md line and turns the rest into flags (q, I, N, T...), so the sender changes what the command does and which keys it touches"
		case passed.Has(' '):
			what = "a space in it splits the key: get fetches the extra keys, and set and delete take the rest as their arguments"
		case passed.Has(0):
			what = "NUL in it ends the key for memcached, so distinct keys collide"
		default:
			what = "memcached stores " + passed.String() + " as sent, dumps print them raw, and clients that validate keys can never read the entry"
		}
		if c.Protocol == ProtocolAny {
			what += " (with text shards; binary ones store the bytes as sent)"
		}
		return check + ": " + what
	}
	return check
}

// LengthHarm says what a key of c does that may be longer than
// memcached's 250-byte limit: up to maxLen bytes, or unbounded, which may
// also overflow the client's key length field.
func (c *Client) LengthHarm(maxLen int, bounded bool) string {
	var h string
	switch {
	case c.Check.MaxLen > 0 && c.Check.MaxLen <= 250:
		h = c.Name + " fails with " + c.Check.Error + ", so long input bypasses the cache on every request"
	case c.Protocol == ProtocolRPC:
		h = "the memcache service refuses keys over 250 bytes with an error, so long input bypasses the cache on every request"
	case c.Protocol == ProtocolBinary:
		h = "memcached refuses a binary request with a key over 250 bytes, so long input bypasses the cache on every request"
	default:
		h = "memcached rejects the command line, and before 1.6.40 runs the data block of a rejected set as a command"
		if c.Check.MaxLen > 0 {
			h = c.Name + " lets keys of up to " + strconv.Itoa(c.Check.MaxLen) + " bytes through, so " + h
		}
	}
	if c.Check.LengthBits > 0 && (!bounded || maxLen >= 1<<c.Check.LengthBits) {
		h += fmt.Sprintf("; at %s the client's %d-bit key length overflows, and ", sizeName(1<<c.Check.LengthBits), c.Check.LengthBits)
		if c.Check.Overflow == "smuggle" {
			h += "the server parses the rest of the key as a further, smuggled request"
		} else {
			h += "the server takes the key's first bytes for the key and the rest for the value, so the sender overwrites another key"
		}
	}
	return h
}

func sizeName(n int) string {
	if n%1024 == 0 {
		return strconv.Itoa(n/1024) + " KiB"
	}
	return strconv.Itoa(n) + " bytes"
}

// Checks says what the client checks of a key, for the README's table.
func (k KeyCheck) Checks() string {
	var parts []string
	if k.MaxLen > 0 {
		parts = append(parts, "at most "+strconv.Itoa(k.MaxLen)+" bytes")
	}
	switch {
	case k.Rejects == AnyUnsafe:
		parts = append(parts, "refuses spaces and control bytes")
	case k.Rejects == AnyUnsafe&^ByteBit(' '):
		parts = append(parts, "refuses control bytes, not the space")
	case k.Rejects != 0:
		parts = append(parts, "refuses "+k.Rejects.String())
	}
	if len(parts) == 0 {
		return "nothing"
	}
	return strings.Join(parts, ", ")
}

// Reports says what cachevet reports for the client, for the README's
// table: the harm of each kind of bad key it lets through.
func (c *Client) Reports() string {
	passed := c.HarmfulBytes() &^ c.Check.Rejects
	var r []string
	switch {
	case passed == 0 && c.Protocol == ProtocolRPC:
	case passed == 0:
		r = append(r, "cache bypass on demand ("+c.Check.Error+")")
	case c.Protocol == ProtocolBinary:
		r = append(r, "raw bytes stored and printed by dumps")
	default:
		if passed&lineBreaks != 0 {
			r = append(r, "command injection (CR/LF)")
		}
		if passed.Has(' ') {
			if c.Protocol == ProtocolMeta {
				r = append(r, "flag injection (space)")
			} else {
				r = append(r, "extra keys and arguments (space)")
			}
		}
		if passed.Has(0) {
			r = append(r, "key collisions (NUL)")
		}
		if c.Check.Rejects != 0 {
			r = append(r, "cache bypass for the bytes it refuses")
		}
	}
	switch {
	case c.Check.MaxLen > 0 && c.Check.MaxLen <= 250:
		r = append(r, "long keys: cache bypass")
	case c.Protocol == ProtocolRPC || c.Protocol == ProtocolBinary:
		r = append(r, "long keys: refused, cache bypass")
	default:
		r = append(r, "long keys: a refused set's data block runs as a command")
	}
	switch {
	case c.Check.Overflow == "smuggle":
		r = append(r, fmt.Sprintf("request smuggling at %s", sizeName(1<<c.Check.LengthBits)))
	case c.Check.LengthBits > 0:
		r = append(r, fmt.Sprintf("overwrites another key at %s", sizeName(1<<c.Check.LengthBits)))
	}
	return strings.Join(r, "; ")
}
