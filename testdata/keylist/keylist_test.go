package keylist

import (
	"net/http"
	"net/url"
	"os"
	"strings"
	"testing"

	"github.com/bradfitz/gomemcache/memcache"
)

// recorder stands for memcached: it records the keys it is sent and has an
// item for each, whose value names the key it was stored under.
type recorder struct{ sent []string }

func (r *recorder) GetMulti(keys []string) (map[string]*memcache.Item, error) {
	r.sent = append(r.sent, keys...)
	items := map[string]*memcache.Item{}
	for _, k := range keys {
		items[k] = &memcache.Item{Key: k, Value: []byte("stored under " + k)}
	}
	return items, nil
}

// legal is gomemcache's rule for a key memcached accepts.
func legal(k string) bool {
	if len(k) > 250 {
		return false
	}
	for i := 0; i < len(k); i++ {
		if k[i] <= ' ' || k[i] == 0x7f {
			return false
		}
	}
	return true
}

// TestLookup sends keys with a space, CR/LF and 300 bytes. With
// KEYLIST_EXPECT=harm it asserts that they reach the cache as they are;
// otherwise that every key sent is legal and that each item comes back
// under the form value that asked for it.
func TestLookup(t *testing.T) {
	asked := []string{"a b", "c\r\nflush_all", strings.Repeat("x", 300), "plain"}
	r := &http.Request{Form: url.Values{"k": asked}}
	rec := &recorder{}
	items, err := Lookup(rec, r)
	if err != nil {
		t.Fatal(err)
	}
	illegal := 0
	for _, k := range rec.sent {
		if !legal(k) {
			illegal++
		}
	}
	if os.Getenv("KEYLIST_EXPECT") == "harm" {
		if illegal != 3 {
			t.Fatalf("%d illegal keys reached the cache, want 3: %q", illegal, rec.sent)
		}
		return
	}
	if illegal != 0 {
		t.Errorf("%d illegal keys reached the cache: %q", illegal, rec.sent)
	}
	if len(items) != len(asked) {
		t.Errorf("got %d items, want %d", len(items), len(asked))
	}
	for _, k := range asked {
		it, ok := items[k]
		if !ok {
			t.Errorf("no item under the key asked for, %q", k)
			continue
		}
		if string(it.Value) != "stored under "+it.Key {
			t.Errorf("the item under %q is %q, stored under %q", k, it.Value, it.Key)
		}
	}
}
