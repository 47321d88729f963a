package strictmode

import (
	"github.com/bradfitz/gomemcache/memcache"
)

var mc = memcache.New("127.0.0.1:11211")

type row struct{ Email string }

// users stands for a database: what it holds has no length cachevet can prove.
var users map[int]*row

func fromDatabase(id int) {
	r := users[id]
	mc.Get("user:" + r.Email) // want `cannot prove that the memcache key of \(\*memcache\.Client\)\.Get fits in 250 bytes: it may be 5 \+ unbounded bytes \(a value read from memory\)`
	mc.Get("user:" + r.Email[:64])
}
