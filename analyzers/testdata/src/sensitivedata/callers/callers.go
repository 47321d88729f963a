package callers

import (
	"github.com/bradfitz/gomemcache/memcache"

	"sensitivedata/helpers"
	"sensitivedata/models"
)

func cacheUser(u *models.User) {
	helpers.SetJSON("user:1", u)                                      // want `cached value stored by \(\*memcache\.Client\)\.Set through helpers\.SetJSON contains User\.Email, User\.PasswordHash, Profile\.Contact and Session\.RefreshToken \(encoding/json\)`
	helpers.SetRaw("mail", []byte(u.Email))                           // want `through helpers\.SetRaw contains User\.Email \(read directly\)`
	helpers.Store(&memcache.Item{Key: "u", Value: helpers.Encode(u)}) // want `through helpers\.Store contains User\.Email`
	helpers.SetJSON("pub", models.PublicUser{ID: u.ID, Name: u.Name})
	helpers.SetRaw("name", []byte(u.Name))
}
