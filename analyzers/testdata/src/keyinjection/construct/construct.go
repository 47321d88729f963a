package construct

import (
	"fmt"
	"strings"

	"github.com/bradfitz/gomemcache/memcache"
)

var mc = memcache.New("127.0.0.1:11211")

type pair struct{ A, B string }

type named struct{ Name string }

func (n named) String() string { return n.Name }

func constants(id int, ids []string, p pair, n named) {
	mc.Get("user 42")                       // want `the constant "user 42" puts a space into the memcache key of \(\*memcache\.Client\)\.Get: gomemcache rejects such keys with ErrMalformedKey, so the call always fails; use a separator such as ':' in the constant instead`
	mc.Get(fmt.Sprintf("user %d", id))      // want `the format "user %d" puts a space into the memcache key`
	mc.Get(fmt.Sprintf("ids:%v", ids))      // want `fmt's spaces between the elements of a \[\]string puts a space into the memcache key`
	mc.Get(fmt.Sprint(p))                   // want `fmt's spaces between the elements of a construct\.pair`
	mc.Get(fmt.Sprint("n:", id, id))        // want `the space fmt\.Sprint puts between operands`
	mc.Get(fmt.Sprintln("k"))               // want `the newline fmt\.Sprintln ends with puts LF into`
	mc.Get(strings.Join(ids, " "))          // want `the constant " " puts a space into`
	mc.Set(&memcache.Item{Key: "tab\tkey"}) // want `the constant "tab\\tkey" puts a tab into the Key of the Item`

	// Safe constructions.
	mc.Get(fmt.Sprintf("user:%d", id))
	mc.Get(fmt.Sprint(n, ":", id))
	mc.Get(fmt.Sprintf("n:%v", n))
	mc.Get(strings.Join(ids, ","))
	mc.Get(strings.TrimSpace(" x "))
	mc.Get(fmt.Sprintf("ids:%x", "abc"))
}

func keyFor(id int) string {
	return fmt.Sprintf("user %d", id)
}

func viaHelper() {
	mc.Get(keyFor(1)) // want `the format "user %d" returned by construct\.keyFor puts a space into`
}

// Table-driven tests keep fields apart: the case name is not the key.
func tableDriven() {
	cases := []struct {
		name string
		key  string
	}{
		{name: "get load err", key: "key0"},
		{name: "get hit", key: "key1"},
	}
	for _, tc := range cases {
		func() {
			mc.Get(tc.key)
		}()
		mc.Get(tc.name) // want `the constant "get load err" puts a space`
	}
}

// Tables keyed by case name keep keys and values apart.
func tableByName() {
	tests := map[string]struct {
		keys []string
		want string
	}{
		"empty cache": {keys: []string{"a", "b"}},
		"full cache":  {keys: []string{"c"}, want: "hit or miss"},
	}
	for name, tc := range tests {
		mc.GetMulti(tc.keys)
		mc.Get(tc.keys[0])
		mc.Get(name) // want `the constant "empty cache" puts a space`
	}
	for _, tc := range tests {
		mc.Get(tc.keys[0])
	}
	mc.Get(tests["empty cache"].keys[0])
}

// A struct that also holds metric help texts: only the fields that reach
// the key count, through the receiver as through any parameter.
type metricsCache struct {
	mc     *memcache.Client
	prefix string
	help   string
	inner  *innerCache
}

type innerCache struct {
	mc     *memcache.Client
	prefix string
	help   string
}

func newMetricsCache(prefix string) *metricsCache {
	return &metricsCache{
		mc:     mc,
		prefix: prefix,
		help:   "Total number of requests to the cache.",
		inner:  &innerCache{mc: mc, prefix: "i:", help: "Total number of misses."},
	}
}

func (c *metricsCache) get(key string) {
	c.mc.Get(c.prefix + key)
}

func (c *metricsCache) getInner(key string) {
	c.inner.get(key)
}

func (c *innerCache) get(key string) {
	c.mc.Get(c.prefix + key)
}

func useMetricsCache() {
	c := newMetricsCache("m:")
	c.get("k")
	c.getInner("k")
	newMetricsCache("users ").get("k") // want `the constant "users " puts a space into the memcache key of \(\*memcache\.Client\)\.Get through \(\*construct\.metricsCache\)\.get`
}

// keyAndReason returns a key and, beside it, a text for the log: the
// text's spaces are not in the key.
func keyAndReason(id int) (string, string) {
	return fmt.Sprintf("user:%d", id), fmt.Sprintf("user %d was not found", id)
}

func useKeyAndReason(id int) {
	key, reason := keyAndReason(id)
	fmt.Println(reason)
	mc.Get(key)
	mc.Get(reason) // want `the format "user %d was not found" returned by construct\.keyAndReason puts a space into the memcache key`
}
