package lengths

import (
	"crypto/md5"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"fmt"
	"net"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/bradfitz/gomemcache/memcache"
	"github.com/google/uuid"
)

var mc = memcache.New("127.0.0.1:11211")

const long = "this-constant-key-is-longer-than-memcached-allows-xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"

func constants(id int64, n int32) {
	mc.Get(long)                       // want `the memcache key of \(\*memcache\.Client\)\.Get is up to 251 bytes, over memcached's 250-byte limit: gomemcache fails with ErrMalformedKey`
	mc.Get(long[:250])                 // ok: sliced to 250
	mc.Get(strings.Repeat("ab", 126))  // want `is up to 252 bytes`
	mc.Get(strings.Repeat("ab", 125))  // ok: 250 bytes
	mc.Get(fmt.Sprintf("user:%d", id)) // ok: 5 + 20
	mc.Get(fmt.Sprintf("%s:%d:%d", long[:200], id, n))
	mc.Get(strconv.FormatInt(id, 2) + long[:190]) // want `is up to 255 bytes`
	mc.Get(uuid.NewString() + ":" + time.Now().Format(time.RFC3339))
}

func untrusted(r *http.Request) {
	q := r.FormValue("q")
	mc.Get("search:" + url.QueryEscape(q))                                // want `the memcache key of \(\*memcache\.Client\)\.Get may be 7 \+ unbounded bytes \(request data \(r\.FormValue\) escaped by url\.QueryEscape\), over memcached's 250-byte limit: gomemcache fails with ErrMalformedKey, so long input bypasses the cache on every request; hash the unbounded part`
	mc.Get(r.URL.EscapedPath())                                           // want `may be unbounded bytes \(the request URL \(r\.URL\)\)`
	mc.Set(&memcache.Item{Key: "u:" + url.PathEscape(r.PathValue("id"))}) // want `may be 2 \+ unbounded bytes \(request path parameter \(r\.PathValue\) escaped by url\.PathEscape\)`

	// Hashes are 64 bytes whatever goes in.
	sum := sha256.Sum256([]byte(q))
	mc.Get("search:" + hex.EncodeToString(sum[:]))
	mc.Get(fmt.Sprintf("search:%x", sha256.Sum256([]byte(q))))
	mc.Get(fmt.Sprintf("m:%x", md5.Sum([]byte(q))))
	mc.Get(base64.RawURLEncoding.EncodeToString(sum[:]))

	// Numbers parsed from the request are bounded.
	id, _ := strconv.Atoi(r.FormValue("id"))
	mc.Get("user:" + strconv.Itoa(id))
}

func collections(ids []string) {
	mc.Get("ids:" + strings.Join(ids, ",")) // want `may be 4 \+ unbounded bytes \(strings\.Join of a slice\)`
	mc.Get(fmt.Sprintf("ids:%v", ids))      // want `fmt's rendering of a \[\]string`
}

// A slice literal joined is as long as its elements and separators.
func joinedLiterals(r *http.Request, name string, start int64) {
	mc.Get(strings.Join([]string{"v", strconv.FormatInt(start, 10), "x"}, ":"))
	mc.Get(strings.Join([]string{"v", name}, ":"))             // name's length is unknown, not unbounded: strict mode's
	mc.Get(strings.Join([]string{"v", r.FormValue("q")}, ":")) // want `may be 2 \+ unbounded bytes \(request data \(r\.FormValue\)\)`
	parts := []string{"v", "w"}
	parts[1] = r.FormValue("q")
	mc.Get(strings.Join(parts, ":")) // want `may be unbounded bytes \(strings\.Join of a slice\)`
}

var idRE = regexp.MustCompile(`^[a-z0-9]{1,64}$`)

func guards(w http.ResponseWriter, r *http.Request) {
	q := r.FormValue("q")

	// The hash-if-long idiom.
	k := q
	if len(k) > 240 {
		k = fmt.Sprintf("%x", sha256.Sum256([]byte(k)))
	}
	mc.Get(url.QueryEscape("p:" + k)) // want `is up to 724 bytes`
	mc.Get("p:" + hex.EncodeToString([]byte(k[:min(len(k), 100)])))

	// A truncation guard.
	t := q
	if len(t) > 200 {
		t = t[:200]
	}
	mc.Get("t:" + t)

	// An early return.
	if len(q) > 245 {
		http.Error(w, "too long", http.StatusBadRequest)
		return
	}
	mc.Get("q:" + q)
	mc.Get("qq:" + q + q) // want `is up to 493 bytes`

	id := r.FormValue("id")
	if idRE.MatchString(id) {
		mc.Get("id:" + url.QueryEscape(id))
	}
	if 100 >= len(id) {
		mc.Get(id)
	}
}

func handWritten(conn net.Conn, r *http.Request) {
	fmt.Fprintf(conn, "set %s 0 0 1\r\nx\r\n", url.QueryEscape(r.FormValue("k"))) // want `the key of a hand-written memcached "set" command may be unbounded bytes .*memcached rejects the command line, and before 1\.6\.40 runs the data block of a rejected set as a command`
	fmt.Fprintf(conn, "get %s\r\n", hex.EncodeToString([]byte(r.FormValue("k")[:100])))
}

// Escaping what hex or decimal formatting produced does not grow it.
func escapedDigests(r *http.Request, id int) {
	sum := sha256.Sum256([]byte(r.FormValue("q")))
	h := hex.EncodeToString(sum[:])
	mc.Get(url.QueryEscape("a:" + h + ":" + h + ":" + h))          // 3 + 192 + 6: fits
	mc.Get(url.QueryEscape(fmt.Sprintf("%x-%d", sum, id) + h + h)) // 64+1+20+128: fits
	mc.Get(url.QueryEscape("a b:" + h + h + h + h))                // want `is up to 262 bytes`
}

// A guard still holds for a variable a closure captures.
func capturedGuard(r *http.Request) {
	id := r.FormValue("id")
	if len(id) > 64 {
		return
	}
	mc.Get("p:" + id)
	f := func() { _ = id }
	f()
}
