package constructfix

import (
	"crypto/md5"
	"crypto/sha256"
	"fmt"
	"strings"

	"github.com/bradfitz/gomemcache/memcache"
)

var mc = memcache.New("127.0.0.1:11211")

// Keys that make up a space or control byte in their own syntax: the fix
// rewrites that syntax.
func constants(id int, ids []string, nums []int, q string) {
	mc.Get("user 42")                       // want `the constant "user 42" puts a space`
	mc.Get(fmt.Sprintf("user %d", id))      // want `the format "user %d" puts a space`
	mc.Get(strings.Join(ids[:2], " "))      // want `the constant " " puts a space`
	mc.Set(&memcache.Item{Key: "tab\tkey"}) // want `the constant "tab\\tkey" puts a tab`
	mc.Get(fmt.Sprintf("ids:%v", ids[:2]))  // want `fmt's spaces between the elements of a \[\]string`
	mc.Get(fmt.Sprintf("n:%v", nums[:4]))   // want `fmt's spaces between the elements of a \[\]int`
	mc.Get(fmt.Sprint("n:", id, id))        // want `the space fmt\.Sprint puts between operands`
	mc.Get(fmt.Sprintln("k", id))           // want `the space fmt\.Sprint puts between operands puts a space or LF`
}

func digests(q string) {
	sum := sha256.Sum256([]byte(q))
	mc.Get(string(sum[:])) // want `raw digest bytes \(sha256\.Sum256\)`
	m := md5.Sum([]byte(q))
	mc.Get("md5:" + string(m[:])) // want `raw digest bytes \(md5\.Sum\)`
	h := sha256.New()
	h.Write([]byte(q))
	mc.Get(string(h.Sum(nil))) // want `raw digest bytes \(\(hash\.Hash\)\.Sum\)`
}

type pair struct{ A, B string }

// Which fields make the key, and which constant a key shares with a log
// message, are the developer's decisions: no fix.
func decisions(p pair) {
	mc.Get(fmt.Sprintf("p:%v", p)) // want `fmt's spaces between the elements of a constructfix\.pair`
	mc.Get(reason)                 // want `the constant "not found" puts a space`
}

const reason = "not found"
