package summaries // want package:"analyzed"

// The summaries the flow engine exports as facts, checked by
// analyzers/internal/flow's tests (keyinjection's tests do not load this
// package).

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"regexp"
	"strings"

	"github.com/bradfitz/gomemcache/memcache"
)

type Store struct {
	mc     *memcache.Client
	prefix string
}

func (s *Store) Get(key string) error { // want Get:`param 1 -> \(\*memcache\.Client\)\.Get key \(a space, CR/LF or other control byte\)`
	_, err := s.mc.Get(s.prefix + key)
	return err
}

func (s *Store) Put(key string, v []byte) error { // want Put:`param 1 -> \(\*memcache\.Client\)\.Set key`
	return s.mc.Set(&memcache.Item{Key: s.prefix + key, Value: v})
}

func (s *Store) PutItem(it *memcache.Item) error { // want PutItem:`param 1 -> \(\*memcache\.Client\)\.Set key`
	return s.mc.Set(it)
}

func (s *Store) GetAll(keys []string) error { // want GetAll:`param 1 -> \(\*memcache\.Client\)\.GetMulti key`
	_, err := s.mc.GetMulti(keys)
	return err
}

// Lookup reaches the sink through another wrapper.
func (s *Store) Lookup(kind, id string) error { // want Lookup:`param 1 -> \(\*memcache\.Client\)\.Get key.*param 2 -> \(\*memcache\.Client\)\.Get key`
	return s.Get(kind + ":" + id)
}

// Spaceless removes spaces only: CR/LF still reach the key.
func (s *Store) Spaceless(k string) error { // want Spaceless:`param 1 -> \(\*memcache\.Client\)\.Get key \(CR/LF, a tab, NUL or other control bytes\)`
	return s.Get(strings.ReplaceAll(k, " ", ""))
}

var keyRE = regexp.MustCompile(`^[a-z0-9]{1,32}$`) // want keyRE:`regexp\("\^\[a-z0-9\]\{1,32\}\$"\)`

// Checked validates its parameter: it is no sink (the receiver's prefix is).
func (s *Store) Checked(k string) error { // want Checked:`^cacheflow\(param 0\.prefix -> \(\*memcache\.Client\)\.Get key \(a space, CR/LF or other control byte\); param 0\.prefix -> \(\*memcache\.Client\)\.Get key \(budget 250\)\)$`
	if !keyRE.MatchString(k) {
		return nil
	}
	return s.Get(k)
}

// Hashed hashes its parameter: it is no sink (the receiver's prefix is).
func (s *Store) Hashed(k string) error { // want Hashed:`^cacheflow\(param 0\.prefix -> \(\*memcache\.Client\)\.Get key \(a space, CR/LF or other control byte\); param 0\.prefix -> \(\*memcache\.Client\)\.Get key \(budget 250\)\)$`
	sum := sha256.Sum256([]byte(k))
	return s.Get(hex.EncodeToString(sum[:]))
}

func Normalize(k string) string { // want Normalize:`param 0 -> result \(CR/LF, a tab, NUL or other control bytes\)`
	return strings.ReplaceAll(k, " ", "")
}

func Query(r *http.Request, name string) string { // want Query:`returns request data \(r\.FormValue\)`
	return r.FormValue(name)
}

func Escaped(s string) string { // want Escaped:`param 0 -> result \(escaped\)`
	return hex.EncodeToString([]byte(s))
}

// Unescaped decodes: its callers' escaped data comes out raw.
func Unescaped(s string) string { // want Unescaped:`^cacheflow\(param 0 decoded -> result \(a space, CR/LF or other control byte\); len`
	v, _ := url.PathUnescape(s)
	return v
}

// GetUnescaped decodes the key it sends.
func (s *Store) GetUnescaped(k string) error { // want GetUnescaped:`param 1 decoded -> \(\*memcache\.Client\)\.Get key \(a space, CR/LF or other control byte\)`
	_, err := s.mc.Get(Unescaped(k))
	return err
}

func Spaced(id int) string { // want Spaced:`returns the format "user %d"`
	return fmt.Sprintf("user %d", id)
}

//cachevet:sanitizer
func Declared(s string) string { // want Declared:`sanitizer`
	return s
}

//cachevet:validator
func Valid(s string) bool { // want Valid:`^cacheflow\(validator; success proves param 0 holds no unsafe byte in 32 bytes\)$`
	return keyRE.MatchString(s)
}

// ValidByLoop is a validator by its body alone.
func ValidByLoop(s string) bool { // want ValidByLoop:`^cacheflow\(success proves param 0 holds no unsafe byte in 64 bytes\)$`
	if len(s) == 0 || len(s) > 64 {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case 'a' <= c && c <= 'z', '0' <= c && c <= '9', c == ':':
		default:
			return false
		}
	}
	return true
}

// CheckSpaces checks only for spaces, and proves only that.
func CheckSpaces(s string) error { // want CheckSpaces:`^cacheflow\(success proves param 0 holds CR/LF, a tab, NUL or other control bytes\)$`
	for _, r := range s {
		if r == ' ' {
			return fmt.Errorf("space in %q", s)
		}
	}
	return nil
}

func Send(w io.Writer, key string) { // want Send:`param 1 -> a hand-written memcached "get" command key`
	fmt.Fprintf(w, "get %s\r\n", key)
}

type Cache interface {
	Fetch(key string) error // want Fetch:`param 1 -> \(\*memcache\.Client\)\.Get key`
}

type mcCache struct{ mc *memcache.Client }

func (c *mcCache) Fetch(key string) error { // want Fetch:`param 1 -> \(\*memcache\.Client\)\.Get key`
	_, err := c.mc.Get(key)
	return err
}

// Recursive summaries reach a fixed point.
func Retry(key string, n int) error { // want Retry:`param 0 -> \(\*memcache\.Client\)\.Get key`
	if n == 0 {
		_, err := memcache.New().Get(key)
		return err
	}
	return Retry(key, n-1)
}

// Nest adds a byte on every level of recursion: the fixed point widens
// its length to unknown instead of growing it forever.
func Nest(n int, s string) string { // want Nest:`len\(result\) <= \d+ \+ 1/1\*param 1 \+ a string built by recursion`
	if n == 0 {
		return s
	}
	return Nest(n-1, "a"+s)
}

// Escape escapes on every level: the scale of its parameter is capped.
func Escape(n int, s string) string { // want Escape:`len\(result\) <= 0 \+ 64/1\*param 1\)`
	if n == 0 {
		return s
	}
	return Escape(n-1, url.QueryEscape(s))
}

// Ping and Pong return the same constant along ever more paths; each
// summary records it once.
func Ping(n int) string { // want Ping:`cacheflow\(returns the constant "a b"; len`
	if n == 0 {
		return "a b"
	}
	return Pong(n-1) + Ping(n-1)
}

func Pong(n int) string { // want Pong:`cacheflow\(returns the constant "a b"; len`
	if n == 0 {
		return Ping(n)
	}
	return Ping(n-1) + Pong(n-1)
}

type backend interface {
	Get(key string) (*memcache.Item, error)
}

// ViaBackend reaches the client through an interface it implements.
func ViaBackend(b backend, key string) error { // want ViaBackend:`param 1 -> \(\*memcache\.Client\)\.Get key`
	_, err := b.Get(key)
	return err
}

// Matches returns its reason beside the verdict: each result of several
// is summarized on its own.
func Matches(id string, n int) (bool, string) { // want Matches:`^cacheflow\(param 0 -> result#1 \(a space, CR/LF or other control byte\); returns the format "no data for %s within %d" in result#1\)$`
	if n > 0 {
		return false, fmt.Sprintf("no data for %s within %d", id, n)
	}
	return true, ""
}

// series stands for an RPC stream whose fields a key is built from.
type series struct{ block string }

type seriesSource interface {
	Series(label string) *series
}

// FanOut builds a key from a field of what an opaque call returns: that
// field is not a field of the call's arguments, so the summary names the
// arguments whole.
func FanOut(mc *memcache.Client, src seriesSource, label string) { // want FanOut:`^cacheflow\(param 1 -> \(\*memcache\.Client\)\.Get key \(a space, CR/LF or other control byte\); param 2 -> \(\*memcache\.Client\)\.Get key \(a space, CR/LF or other control byte\)`
	s := src.Series(label)
	mc.Get("b:" + s.block)
}
