package callers

import (
	"bytes"

	"github.com/bradfitz/gomemcache/memcache"

	"sensitivedata/helpers"
	"sensitivedata/models"
)

var mc = memcache.New("127.0.0.1:11211")

func cacheUser(u *models.User) {
	helpers.SetJSON("user:1", u)                                      // want `cached value stored by \(\*memcache\.Client\)\.Set through helpers\.SetJSON contains User\.Email, User\.PasswordHash, Profile\.Contact and Session\.RefreshToken \(encoding/json\)`
	helpers.SetRaw("mail", []byte(u.Email))                           // want `through helpers\.SetRaw contains User\.Email \(read directly\)`
	helpers.Store(&memcache.Item{Key: "u", Value: helpers.Encode(u)}) // want `through helpers\.Store contains User\.Email`
	helpers.SetJSON("pub", models.PublicUser{ID: u.ID, Name: u.Name})
	helpers.SetRaw("name", []byte(u.Name))
}

// writers: helpers that write into the caller's buffer.
func writers(u *models.User, pub models.PublicUser) {
	var buf bytes.Buffer
	helpers.EncodeTo(&buf, u)
	mc.Set(&memcache.Item{Key: "u", Value: buf.Bytes()}) // want `contains User\.Email.*\(encoding/gob\)`

	var c bytes.Buffer
	helpers.WriteContact(&c, u)
	mc.Set(&memcache.Item{Key: "c", Value: c.Bytes()}) // want `contains User\.Email \(written by helpers\.WriteContact\) \(read directly\): contact data`

	var p bytes.Buffer
	helpers.EncodeTo(&p, pub)
	mc.Set(&memcache.Item{Key: "p", Value: p.Bytes()})
}
