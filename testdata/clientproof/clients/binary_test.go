package clients

import (
	"encoding/binary"
	"net/http"
	"strconv"
	"strings"
	"testing"
)

// The harms of the binary-protocol clients: no command line to inject
// into, but the key's bytes are stored as they are, and its length goes
// into a 16-bit header field.

// forgedID holds CR/LF: stored raw, it forges a line of `stats cachedump`.
const forgedID = "x\r\nITEM forged [1 b; 0 s]"

// cachedump returns what `stats cachedump` prints for the first slab
// classes, as an operator's tool would read it on a second connection.
func cachedump(t *testing.T, s *server) string {
	t.Helper()
	var out strings.Builder
	for class := 1; class <= 8; class++ {
		out.WriteString(raw(t, s.addr, "stats cachedump "+strconv.Itoa(class)+" 0\r\n"))
	}
	return out.String()
}

// wantForgedDump saves forgedID through save and checks whether the dump
// on a second connection shows the forged ITEM line. memcached lists an
// item there only once its LRU maintainer has moved it out of the hot
// LRU, so the harm run waits for it.
func wantForgedDump(t *testing.T, s *server, save http.HandlerFunc) {
	t.Helper()
	request(t, save, "id", forgedID, "name", "alice")
	var dump string
	var forged bool
	look := func() bool {
		dump = cachedump(t, s)
		forged = strings.Contains(dump, "\r\nITEM forged [1 b; 0 s]")
		return forged
	}
	if expectFixed {
		settle()
		look()
	} else {
		eventually(look)
	}
	t.Logf("operator: stats cachedump -> %q", dump)
	check(t, forged, "the key's CR/LF was stored raw and `stats cachedump` printed the forged line `ITEM forged [1 b; 0 s]`")
}

// wantLongKeyBypass saves and loads an id over 250 bytes: the server
// refuses the key, so the name is never cached and every load reaches the
// database.
func wantLongKeyBypass(t *testing.T, s *server, db *Backend, save, load http.HandlerFunc) {
	t.Helper()
	cached := wantCached(t, db, save, load, longID)
	stored := strings.Contains(raw(t, s.addr, "lru_crawler metadump all\r\n"), "key=user%3Axxxxxxxxxx")
	check(t, !cached && !stored, "the server refused the 305-byte key: nothing was cached and the load reached the database")
}

// wrapID makes "user:"+wrapID a key of 65536+11 bytes: a client that writes
// the key length in 16 bits sends 11, and a store names user:victim, with
// the rest of the key, "hacked" first, in front of its value.
var wrapID = "victim" + "hacked" + strings.Repeat("!", 65536-len("hacked"))

// wantWrappedStore saves wrapID and checks whether the victim's entry now
// holds the attacker's bytes.
func wantWrappedStore(t *testing.T, s *server, save http.HandlerFunc) {
	t.Helper()
	store(t, s.addr, "user:victim", "victim")
	request(t, save, "id", wrapID, "name", "alice")
	v, _ := value(t, s.addr, "user:victim")
	t.Logf("server: user:victim = %s", shorten(strconv.Quote(v)))
	check(t, strings.HasPrefix(v, "hacked"), "the 16-bit key length wrapped: the server stored the attacker's bytes under user:victim")
}

// smuggleID makes "user:"+smuggleID a key of 65536+5 bytes whose
// length, written in 16 bits, is 5: the server reads the key "user:" and
// parses the rest of the key as a request of its own, a binary set of
// smuggled.
var smuggleID = func() string {
	const key, extras = "smuggled", 8
	vlen := 65536 - 24 - extras - len(key)
	h := make([]byte, 24, 24+extras+len(key)+vlen)
	h[0], h[1] = 0x80, 0x01 // request, set
	binary.BigEndian.PutUint16(h[2:], uint16(len(key)))
	h[4] = extras
	binary.BigEndian.PutUint32(h[8:], uint32(extras+len(key)+vlen))
	h = append(h, make([]byte, extras)...)
	h = append(h, key...)
	h = append(h, "pwned"...)
	return string(h) + strings.Repeat("!", vlen-len("pwned"))
}()

// wantSmuggledSet loads smuggleID and checks whether the hidden set ran.
func wantSmuggledSet(t *testing.T, s *server, load http.HandlerFunc) {
	t.Helper()
	request(t, load, "id", smuggleID)
	var v string
	var ok bool
	if expectFixed {
		settle()
		v, ok = value(t, s.addr, "smuggled")
	} else {
		eventually(func() bool { v, ok = value(t, s.addr, "smuggled"); return ok })
	}
	check(t, ok && strings.HasPrefix(v, "pwned"), "the server parsed the key's tail as a request of its own and ran the smuggled set")
}
