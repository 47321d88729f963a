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
	mc.Get("user 42")                       // want `the constant "user 42" puts a space into the memcache key of \(\*memcache\.Client\)\.Get: the client rejects such keys with ErrMalformedKey, so the call always fails; use a separator such as ':' in the constant instead`
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
