package patterns

import (
	"encoding/json"

	"github.com/bradfitz/gomemcache/memcache"
)

var mc = memcache.New("127.0.0.1:11211")

type Customer struct {
	Name        string
	PhoneNumber string
	DateOfBirth string
}

func cache(c Customer) {
	b, _ := json.Marshal(c)
	mc.Set(&memcache.Item{Key: "c", Value: b}) // want `contains Customer\.PhoneNumber and Customer\.DateOfBirth \(encoding/json\)`
}
