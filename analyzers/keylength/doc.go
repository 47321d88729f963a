// Package keylength defines an Analyzer that reports memcache keys that
// may be longer than memcached's 250-byte limit.
//
// # Analyzer keylength
//
// keylength: report memcache keys that may exceed 250 bytes
//
// Memcached rejects keys over 250 bytes. Servers before 1.6.40 (Debian 12's
// 1.6.18 among them) answer a too-long `set` line with
// `CLIENT_ERROR bad command line format` and then execute its data block as
// a command: a cached value of `delete victim` deletes `victim`. Clients that
// validate keys, such as github.com/bradfitz/gomemcache, fail with
// ErrMalformedKey instead, so a long URL or search term silently bypasses
// the cache on every request. Escaping fixes characters, not length:
// url.QueryEscape can triple a string.
//
// The analyzer bounds the length of every key on SSA: constants,
// concatenation, fmt.Sprintf with a constant format (%d of an intN by its
// width, %x of a [N]byte digest as 2N, %s by its operand), strconv
// formatting, hex, base32 and base64 of bounded input, url escaping (three
// times its input), uuid strings (36), time.Format with a constant layout,
// strings.Repeat with constants and slicing with constant bounds. Guards
// bound a value on the paths they dominate:
//
//	if len(k) > 240 {
//		k = fmt.Sprintf("%x", sha256.Sum256([]byte(k))) // 64 bytes
//	}
//	mc.Get("p:" + k) // at most 242 bytes: no report
//
// as do `if len(k) > 200 { return }`, `k = k[:200]`, an anchored regexp
// such as ^[a-z0-9]{1,64}$, a switch or allow list of constants, a
// library validator such as net.ParseIP (45 bytes), and a validator, found
// from its body in any package or declared, whose success implies a
// length check: the guards keyinjection reads, with the same meaning.
//
// By default it reports keys whose bound is over 250 bytes: a constant that
// is too long, or a key with an unbounded part that comes from attacker
// input or from a value known to be unbounded (a joined or %v-formatted
// collection). With -keylength.strict it also reports keys whose length it
// cannot prove, such as a field read from a database row.
//
// Wrappers are followed across packages: a function that puts its
// parameter into a key, after its own prefix and guards, leaves that
// parameter a budget, and the caller that passes a longer value is reported.
// A wrapper that refuses keys over 200 bytes is safe to call with anything.
//
// The suggested fix replaces each unbounded part of the key by its SHA-256
// digest, hex encoded (64 bytes), or hashes the whole key when the rest
// would still not fit, when the key is bounded but over 250 bytes, or when
// it has no part to hash (a long constant, %v of a slice).
//
// Silence one finding with a reason:
//
//	//cachevet:ignore keylength the router limits ids to 32 bytes
package keylength
