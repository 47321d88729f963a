// Package classesoff is analyzed with -classes=secrets,identity: contact
// and payment data are not reported, a field marked by its cachevet tag
// still is.
package classesoff

import (
	"encoding/json"

	"github.com/bradfitz/gomemcache/memcache"
)

var mc = memcache.New("127.0.0.1:11211")

type Customer struct {
	Name       string
	Email      string
	Phone      string
	CardNumber string
	Password   string
	Passport   string
}

type Contact struct {
	Email  string
	Phone  string
	Marked string `cachevet:"sensitive"`
}

func cache(c Customer, k Contact) {
	b, _ := json.Marshal(c)
	mc.Set(&memcache.Item{Key: "c", Value: b}) // want `contains Customer\.Password and Customer\.Passport \(encoding/json\): secrets \(password\) and identity data \(passport\);`

	mc.Set(&memcache.Item{Key: "e", Value: []byte(c.Email)})

	b, _ = json.Marshal(k)
	mc.Set(&memcache.Item{Key: "k", Value: b}) // want `contains Contact\.Marked \(encoding/json\): data marked sensitive`
}
