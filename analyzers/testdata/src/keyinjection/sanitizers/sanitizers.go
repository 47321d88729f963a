package sanitizers

import (
	"crypto/md5"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"unicode"

	"github.com/bradfitz/gomemcache/memcache"
	"github.com/google/uuid"
)

var mc = memcache.New("127.0.0.1:11211")

func escapers(r *http.Request) {
	q := r.FormValue("q")
	mc.Get(url.QueryEscape(q))
	mc.Get(url.PathEscape(q))
	mc.Get(hex.EncodeToString([]byte(q)))
	mc.Get(base64.URLEncoding.EncodeToString([]byte(q)))
	mc.Get("search:" + base64.StdEncoding.EncodeToString([]byte(q)))
	mc.Get(fmt.Sprintf("q:%x", q))

	// Decoding makes escaped data raw again.
	raw, _ := url.QueryUnescape(url.QueryEscape(q))
	mc.Get(raw) // want `request data \(r\.FormValue\) reaches`
	dec, _ := base64.StdEncoding.DecodeString(r.URL.RawQuery)
	mc.Get(string(dec)) // want `the request URL \(r\.URL\) reaches`
	vals, _ := url.ParseQuery(r.URL.RawQuery)
	mc.Get(vals.Get("id")) // want `the request URL \(r\.URL\) reaches`
}

func numbers(r *http.Request) {
	id, err := strconv.Atoi(r.FormValue("id"))
	if err != nil {
		return
	}
	mc.Get("user:" + strconv.Itoa(id))
	mc.Get(fmt.Sprintf("user:%d", id))
	n, _ := strconv.ParseInt(r.FormValue("n"), 10, 64)
	mc.Get("n:" + strconv.FormatInt(n, 10))

	u, err := uuid.Parse(r.FormValue("uuid"))
	if err == nil {
		mc.Get("order:" + u.String())
	}
}

func digests(r *http.Request) {
	q := r.FormValue("q")
	sum := sha256.Sum256([]byte(q))
	mc.Get(hex.EncodeToString(sum[:]))
	mc.Get(fmt.Sprintf("%x", sum))
	mc.Get(base64.RawURLEncoding.EncodeToString(sum[:]))

	mc.Get(string(sum[:])) // want `raw digest bytes \(sha256\.Sum256\) puts a space, CR/LF or other control byte into the memcache key of \(\*memcache\.Client\)\.Get: gomemcache rejects such keys with ErrMalformedKey, so the call always fails; encode the digest with hex\.EncodeToString`
	m := md5.Sum([]byte(q))
	mc.Get("md5:" + string(m[:])) // want `raw digest bytes \(md5\.Sum\)`
	h := sha256.New()
	h.Write([]byte(q))
	mc.Get(string(h.Sum(nil))) // want `raw digest bytes \(\(hash\.Hash\)\.Sum\)`
	mc.Get(hex.EncodeToString(h.Sum(nil)))
}

func replacing(r *http.Request) {
	q := r.FormValue("q")
	// Removing only the space leaves CR/LF.
	mc.Get(strings.ReplaceAll(q, " ", "_")) // want `request data \(r\.FormValue\) reaches the memcache key of \(\*memcache\.Client\)\.Get unescaped: CR/LF, a tab, NUL or other control bytes in it`

	stripped := strings.Map(func(r rune) rune {
		if r <= ' ' || r == 0x7f {
			return -1
		}
		return r
	}, q)
	mc.Get(stripped)

	onlySpaces := strings.Map(func(r rune) rune {
		if r == ' ' {
			return '_'
		}
		return r
	}, q)
	mc.Get(onlySpaces) // want `request data`

	graphic := strings.Map(func(r rune) rune {
		if unicode.IsGraphic(r) && !unicode.IsSpace(r) {
			return r
		}
		return -1
	}, q)
	mc.Get(graphic)

	mc.Get(strings.Join(strings.Fields(q), "-")) // want `request data \(r\.FormValue\) reaches the memcache key of \(\*memcache\.Client\)\.Get unescaped: NUL or other control bytes in it`
}

var keyReplacer = strings.NewReplacer(
	" ", "_", "\t", "_", "\n", "_", "\r", "_", "\v", "_", "\f", "_", "\x00", "",
	"\x01", "", "\x02", "", "\x03", "", "\x04", "", "\x05", "", "\x06", "", "\x07", "",
	"\x08", "", "\x0e", "", "\x0f", "", "\x10", "", "\x11", "", "\x12", "", "\x13", "",
	"\x14", "", "\x15", "", "\x16", "", "\x17", "", "\x18", "", "\x19", "", "\x1a", "",
	"\x1b", "", "\x1c", "", "\x1d", "", "\x1e", "", "\x1f", "", "\x7f", "",
)

var spaceReplacer = strings.NewReplacer(" ", "_", "\n", "_", "\r", "_")

func replacers(r *http.Request) {
	q := r.FormValue("q")
	mc.Get(keyReplacer.Replace(q))
	mc.Get(spaceReplacer.Replace(q)) // want `request data \(r\.FormValue\) reaches the memcache key of \(\*memcache\.Client\)\.Get unescaped: a tab, NUL or other control bytes in it`
}

// Transformations that keep the bytes are no sanitizers.
func notSanitizers(r *http.Request) {
	q := r.FormValue("q")
	mc.Get(strings.ToLower(q))          // want `request data`
	mc.Get(strings.TrimSpace(q))        // want `request data`
	mc.Get(strconv.Quote(q))            // want `request data \(r\.FormValue\) reaches the memcache key of \(\*memcache\.Client\)\.Get unescaped: a space in it`
	mc.Get(fmt.Sprintf("%q", q))        // want `a space in it`
	mc.Get(strings.TrimPrefix(q, "  ")) // want `request data`
}
