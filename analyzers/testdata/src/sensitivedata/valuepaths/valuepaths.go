package valuepaths

import (
	"bytes"
	"fmt"

	"github.com/bradfitz/gomemcache/memcache"
	"github.com/vmihailenco/msgpack/v5"

	"sensitivedata/helpers"
	"sensitivedata/models"
)

var mc = memcache.New("127.0.0.1:11211")

func appendf(u *models.User) {
	v := fmt.Appendf(nil, "%s:%s", u.Name, u.Email)
	mc.Set(&memcache.Item{Key: "a", Value: v}) // want `contains User\.Email \(read directly\): contact data \(e-mail\)`

	w := fmt.Append([]byte("n="), u.Name, u.PasswordHash)
	mc.Set(&memcache.Item{Key: "b", Value: w}) // want `contains User\.PasswordHash`

	x := fmt.Appendln(nil, u)
	mc.Set(&memcache.Item{Key: "c", Value: x}) // want `contains User\.Email.*\(fmt\)`

	quiet := fmt.Appendf(nil, "%s:%d", u.Name, u.ID)
	mc.Set(&memcache.Item{Key: "d", Value: quiet})
}

// Packed is encoded by msgpack, whose tag is "msgpack": a json tag hides
// nothing from it, "-," hides as "-" does, unexported fields stay out.
type Packed struct {
	Name     string
	Email    string `json:"-"`
	Phone    string `msgpack:"-"`
	Passport string `msgpack:"-,omitempty"`
	token    string
}

type Hidden struct {
	Name  string
	Phone string `msgpack:"-"`
}

func msgpackEncoder(p Packed, h Hidden) {
	var buf bytes.Buffer
	msgpack.NewEncoder(&buf).Encode(p)
	mc.Set(&memcache.Item{Key: "p", Value: buf.Bytes()}) // want `contains Packed\.Email \(msgpack\): contact data \(e-mail\);`

	var quiet bytes.Buffer
	msgpack.NewEncoder(&quiet).Encode(&h)
	mc.Set(&memcache.Item{Key: "h", Value: quiet.Bytes()})
}

// fallbackTags: an encoder told to read the json tag where its own is
// absent hides what json:"-" hides.
func fallbackTags(p Packed) {
	var b bytes.Buffer
	custom := msgpack.NewEncoder(&b)
	custom.SetCustomStructTag("json")
	custom.Encode(&p)
	mc.Set(&memcache.Item{Key: "b", Value: b.Bytes()})

	var c bytes.Buffer
	other := msgpack.NewEncoder(&c)
	other.SetCustomStructTag("yaml")
	other.Encode(p)
	mc.Set(&memcache.Item{Key: "c", Value: c.Bytes()}) // want `contains Packed\.Email \(msgpack\)`
}

// A store in another package gob-encodes what it is given.
func libraryStore(u models.User, pub models.PublicUser) {
	helpers.SetGob("u", u) // want `through helpers\.SetGob contains User\.Email.*\(encoding/gob\)`
	helpers.SetGob("p", pub)
}
