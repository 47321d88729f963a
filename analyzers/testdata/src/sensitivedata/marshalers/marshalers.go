package marshalers

import (
	"bytes"
	"encoding/gob"
	"encoding/json"
	"fmt"

	"github.com/bradfitz/gomemcache/memcache"

	"sensitivedata/accounts"
	"sensitivedata/models"
)

var mc = memcache.New("127.0.0.1:11211")

// Member's GobEncode writes the token.
type Member struct {
	Name  string
	Token string
}

func (m Member) GobEncode() ([]byte, error) { return []byte(m.Name + ":" + m.Token), nil }

// Guest's MarshalBinary writes only the name.
type Guest struct {
	Name   string
	Secret string
}

func (g Guest) MarshalBinary() ([]byte, error) { return []byte(g.Name), nil }

// Shown's String prints the phone number; Hidden's does not.
type Shown struct {
	Name  string
	phone string
}

func (s Shown) String() string { return s.Name + " " + s.phone }

type Hidden struct {
	Name  string
	phone string
}

func (h Hidden) String() string { return h.Name }

func judged(m Member, g Guest, s Shown, h Hidden, l accounts.Leaky, c *accounts.Careful) {
	var buf bytes.Buffer
	gob.NewEncoder(&buf).Encode(m)
	mc.Set(&memcache.Item{Key: "m", Value: buf.Bytes()}) // want `contains Member\.Token \(written by \(marshalers\.Member\)\.GobEncode\) \(encoding/gob\): secrets \(token\)`

	var quiet bytes.Buffer
	gob.NewEncoder(&quiet).Encode(g)
	mc.Set(&memcache.Item{Key: "g", Value: quiet.Bytes()})

	mc.Set(&memcache.Item{Key: "s", Value: []byte(fmt.Sprintf("%v", s))}) // want `contains Shown\.phone \(written by \(marshalers\.Shown\)\.String\) \(fmt\): contact data \(phone\)`
	mc.Set(&memcache.Item{Key: "h", Value: []byte(fmt.Sprintf("%v", h))})

	b, _ := json.Marshal(l)
	mc.Set(&memcache.Item{Key: "l", Value: b}) // want `contains Leaky\.Email \(written by \(accounts\.Leaky\)\.MarshalJSON\) \(encoding/json\): contact data \(e-mail\)`
	b, _ = json.Marshal(c)
	mc.Set(&memcache.Item{Key: "c", Value: b})
}

// PublicUser hides the e-mail from encoding/json, not from encoding/gob.
type PublicUser struct {
	Name  string
	Email string `json:"-"`
	Inner struct {
		Note  string
		Token string `json:"-"`
	}
}

// copies judge a copied field where it is encoded: a destination field
// the encoder does not write carries nothing into the value.
func copies(u *models.User) {
	dto := PublicUser{Name: u.Name, Email: u.Email}
	dto.Inner.Token = u.Sessions[0].RefreshToken
	b, _ := json.Marshal(dto)
	mc.Set(&memcache.Item{Key: "dto", Value: b})

	p := &PublicUser{Name: u.Name, Email: u.Email}
	b, _ = json.Marshal(p)
	mc.Set(&memcache.Item{Key: "dto2", Value: b})

	var buf bytes.Buffer
	gob.NewEncoder(&buf).Encode(dto)
	mc.Set(&memcache.Item{Key: "dto3", Value: buf.Bytes()}) // want `contains .*User\.Email.*\(encoding/gob\)`

	shown := struct {
		Name, Contact string
	}{u.Name, u.Email}
	b, _ = json.Marshal(shown)
	mc.Set(&memcache.Item{Key: "dto4", Value: b}) // want `contains User\.Email \(read directly\)`
}

func toPublic(u *models.User) *PublicUser {
	return &PublicUser{Name: u.Name, Email: u.Email}
}

// constructed DTOs are judged at their type too.
func constructed(u *models.User) {
	b, _ := json.Marshal(toPublic(u))
	mc.Set(&memcache.Item{Key: "dto5", Value: b})

	var buf bytes.Buffer
	gob.NewEncoder(&buf).Encode(toPublic(u))
	mc.Set(&memcache.Item{Key: "dto6", Value: buf.Bytes()}) // want `contains .*User\.Email.*\(encoding/gob\)`
}
