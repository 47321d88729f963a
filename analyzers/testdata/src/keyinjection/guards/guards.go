package guards

import (
	"encoding/base64"
	"encoding/hex"
	"errors"
	"net"
	"net/http"
	"net/netip"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode"

	"github.com/bradfitz/gomemcache/memcache"
	"github.com/google/uuid"
)

var mc = memcache.New("127.0.0.1:11211")

var keyRE = regexp.MustCompile(`^[a-z0-9:_-]{1,64}$`)

var unanchoredRE = regexp.MustCompile(`[a-z0-9]+`)

var dotRE = regexp.MustCompile(`^.+$`)

var multilineRE = regexp.MustCompile(`(?m)^[a-z]+$`)

func regexps(w http.ResponseWriter, r *http.Request) {
	id := r.FormValue("id")
	if !keyRE.MatchString(id) {
		http.Error(w, "bad id", http.StatusBadRequest)
		return
	}
	mc.Get("user:" + id)
}

func regexpInline(r *http.Request) {
	id := r.FormValue("id")
	if ok, _ := regexp.MatchString(`\A[0-9]+\z`, id); ok {
		mc.Get(id)
	}
	mc.Get(id) // want `request data`
}

func weakRegexps(r *http.Request) {
	id := r.FormValue("id")
	if unanchoredRE.MatchString(id) {
		mc.Get(id) // want `request data`
	}
	if dotRE.MatchString(id) {
		mc.Get(id) // want `request data`
	}
	if multilineRE.MatchString(id) {
		mc.Get(id) // want `request data`
	}
}

func guardNotOnEveryPath(r *http.Request) {
	id := r.FormValue("id")
	if !keyRE.MatchString(id) {
		println("bad id") // logs, but goes on
	}
	mc.Get(id) // want `request data`
}

func constants(r *http.Request) {
	kind := r.FormValue("kind")
	switch kind {
	case "users", "orders":
		mc.Get("list:" + kind)
	}
	if kind == "admins" {
		mc.Get(kind)
	}
	if kind != "x" {
		mc.Get(kind) // want `request data`
	}
}

func contains(r *http.Request) {
	k := r.FormValue("k")
	if strings.ContainsAny(k, " \r\n\t\x00\x01\x02\x03\x04\x05\x06\x07\x08\x0b\x0c\x0e\x0f\x10\x11\x12\x13\x14\x15\x16\x17\x18\x19\x1a\x1b\x1c\x1d\x1e\x1f\x7f") {
		return
	}
	mc.Get(k)

	k2 := r.FormValue("k2")
	if strings.ContainsAny(k2, " \r\n") {
		return
	}
	mc.Get(k2) // want `request data \(r\.FormValue\) reaches the memcache key of \(\*memcache\.Client\)\.Get unescaped: a tab, NUL or other control bytes in it`
}

//cachevet:validator
func validKey(k string) bool {
	for i := 0; i < len(k); i++ {
		if k[i] <= ' ' || k[i] == 0x7f {
			return false
		}
	}
	return len(k) > 0
}

var errBadKey = errors.New("bad key")

//cachevet:validator
func checkKey(k string) error {
	if !validKey(k) {
		return errBadKey
	}
	return nil
}

func declared(r *http.Request) {
	k := r.FormValue("k")
	if validKey(k) {
		mc.Get(k)
	}
	if err := checkKey(k); err != nil {
		return
	}
	mc.Delete(k)
}

// A wrapper that validates its parameter is safe to call with anything.
func SafeGet(k string) {
	if !keyRE.MatchString(k) {
		return
	}
	mc.Get(k)
}

func callsSafeGet(r *http.Request) {
	SafeGet(r.FormValue("k"))
}

// Loops over the key that return early on some bytes.
func loops(w http.ResponseWriter, r *http.Request) {
	a := r.FormValue("a")
	for i := 0; i < len(a); i++ {
		if a[i] <= ' ' || a[i] == 0x7f {
			http.Error(w, "bad key", http.StatusBadRequest)
			return
		}
	}
	mc.Get(a)

	b := r.FormValue("b")
	for _, c := range b {
		if !unicode.IsLetter(c) && !unicode.IsDigit(c) && c != '-' {
			return
		}
	}
	mc.Get(b)

	// Only the space is checked.
	c := r.FormValue("c")
	for _, ch := range c {
		if ch == ' ' {
			return
		}
	}
	mc.Get(c) // want `unescaped: CR/LF, a tab, NUL or other control bytes in it`

	// A break skips the rest of the key.
	d := r.FormValue("d")
	for i := 0; i < len(d); i++ {
		if d[i] == '#' {
			break
		}
		if d[i] <= ' ' || d[i] == 0x7f {
			return
		}
	}
	mc.Get(d) // want `request data`
}

var allowedKinds = map[string]bool{"users": true, "orders": true}

var listed = []string{"daily", "weekly"}

// Allow lists of constants.
func membership(r *http.Request) {
	kind := r.FormValue("kind")
	if !allowedKinds[kind] {
		return
	}
	mc.Get("list:" + kind)

	period := r.FormValue("period")
	if !slices.Contains(listed, period) {
		return
	}
	mc.Get("stats:" + period)

	sort := r.FormValue("sort")
	switch sort {
	case "asc", "desc":
	default:
		return
	}
	mc.Get("sorted:" + sort)

	// A list holding a spaced constant lets the space through.
	mode := r.FormValue("mode")
	if slices.Contains([]string{"fast", "slow mode"}, mode) {
		mc.Get(mode) // want `unescaped: a space in it`
	}
}

// Library validators prove what they check and no more.
func library(r *http.Request) {
	u := r.FormValue("u")
	if uuid.Validate(u) == nil {
		mc.Get("order:" + u)
	}
	// uuid.Parse never looks at the first and last byte of a braced UUID.
	if _, err := uuid.Parse(u); err == nil {
		mc.Get("order:" + u) // want `request data \(r\.FormValue\) reaches`
	}

	n := r.FormValue("n")
	if _, err := strconv.Atoi(n); err != nil {
		return
	}
	mc.Get("n:" + n)

	ip := r.FormValue("ip")
	if net.ParseIP(ip) != nil {
		mc.Get("ip:" + ip)
	}
	// netip.ParseAddr accepts any zone after '%'.
	if _, err := netip.ParseAddr(ip); err == nil {
		mc.Get("ip:" + ip) // want `request data`
	}

	h := r.FormValue("h")
	if _, err := hex.DecodeString(h); err == nil {
		mc.Get("h:" + h)
	}
	// base64 decoding skips CR and LF.
	if _, err := base64.StdEncoding.DecodeString(h); err == nil {
		mc.Get("b:" + h) // want `unescaped: CR/LF in it`
	}
}

func containsFunc(r *http.Request) {
	k := r.FormValue("k")
	if !strings.ContainsFunc(k, func(r rune) bool { return r <= ' ' || r == 0x7f }) {
		mc.Get(k)
	}
	if !strings.ContainsFunc(k, unicode.IsSpace) {
		mc.Get(k) // want `unescaped: NUL or other control bytes in it`
	}
}

var posixRE = regexp.MustCompilePOSIX(`^[a-z0-9]{1,32}$`)

var startOnlyRE = regexp.MustCompile(`^[a-z0-9]+`)

var nonSpaceRE = regexp.MustCompile(`^\S+$`)

func moreRegexps(r *http.Request) {
	k := r.FormValue("k")
	// In POSIX syntax ^ and $ match at line boundaries.
	if posixRE.MatchString(k) {
		mc.Get(k) // want `request data`
	}
	if startOnlyRE.MatchString(k) {
		mc.Get(k) // want `request data`
	}
	if nonSpaceRE.MatchString(k) {
		mc.Get(k) // want `unescaped: NUL or other control bytes in it`
	}
}

// Validators without annotation, in this package.
func isKeyByte(c byte) bool {
	return 'a' <= c && c <= 'z' || '0' <= c && c <= '9' || c == ':'
}

func wellFormed(s string) bool {
	if s == "" || len(s) > 100 {
		return false
	}
	for i := 0; i < len(s); i++ {
		if !isKeyByte(s[i]) {
			return false
		}
	}
	return true
}

func inferred(r *http.Request) {
	k := r.FormValue("k")
	if wellFormed(k) {
		mc.Get(k)
	}
}

// A guard on a changed copy proves nothing of the key it was made from.
func changedCopy(r *http.Request) {
	k := r.FormValue("k")
	if !wellFormed(strings.TrimSpace(k)) {
		return
	}
	mc.Get(k) // want `request data`
	t := strings.TrimSpace(k)
	if wellFormed(t) {
		mc.Get("t:" + t)
	}
	if wellFormed(k[:4]) {
		mc.Get(k) // want `request data`
	}
	if wellFormed(t) {
		mc.Set(&memcache.Item{Key: t})
		mc.Set(&memcache.Item{Key: k, Value: []byte(t)}) // want `request data`
	}
}
