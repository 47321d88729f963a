package marshalers

import (
	"bytes"
	"encoding/gob"
	"encoding/json"
	"encoding/xml"
	"fmt"

	"github.com/bradfitz/gomemcache/memcache"
	"github.com/vmihailenco/msgpack/v5"

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

// Methods that write the encoding into an argument are judged by what
// they write there.
type XMLUser struct {
	Name  string
	Email string
}

func (u XMLUser) MarshalXML(e *xml.Encoder, start xml.StartElement) error {
	return e.EncodeElement(struct{ Name, Mail string }{u.Name, u.Email}, start)
}

type XMLName struct {
	Name  string
	Email string
}

func (u XMLName) MarshalXML(e *xml.Encoder, start xml.StartElement) error {
	return e.EncodeElement(u.Name, start)
}

type Packed struct {
	Name  string
	Token string
}

func (p Packed) EncodeMsgpack(enc *msgpack.Encoder) error {
	if err := enc.EncodeString(p.Name); err != nil {
		return err
	}
	return enc.EncodeString(p.Token)
}

type PackedName struct {
	Name  string
	Token string
}

func (p PackedName) EncodeMsgpack(enc *msgpack.Encoder) error { return enc.EncodeString(p.Name) }

type Formatted struct {
	Name     string
	Passport string
}

func (f Formatted) Format(s fmt.State, verb rune) { fmt.Fprintf(s, "%s/%s", f.Name, f.Passport) }

type FormattedName struct {
	Name     string
	Passport string
}

func (f FormattedName) Format(s fmt.State, verb rune) { fmt.Fprintf(s, "%s", f.Name) }

func writersOfArguments(x XMLUser, xn XMLName, p Packed, pn PackedName, f Formatted, fn FormattedName) {
	b, _ := xml.Marshal(x)
	mc.Set(&memcache.Item{Key: "x", Value: b}) // want `contains XMLUser\.Email \(written by \(marshalers\.XMLUser\)\.MarshalXML\) and struct\.Mail \(written by \(marshalers\.XMLUser\)\.MarshalXML\) \(encoding/xml\)`
	b, _ = xml.Marshal(xn)
	mc.Set(&memcache.Item{Key: "xn", Value: b})

	m, _ := msgpack.Marshal(p)
	mc.Set(&memcache.Item{Key: "p", Value: m}) // want `contains Packed\.Token \(written by \(marshalers\.Packed\)\.EncodeMsgpack\) \(msgpack\): secrets \(token\)`
	m, _ = msgpack.Marshal(pn)
	mc.Set(&memcache.Item{Key: "pn", Value: m})

	mc.Set(&memcache.Item{Key: "f", Value: []byte(fmt.Sprintf("%v", f))}) // want `contains Formatted\.Passport \(written by \(marshalers\.Formatted\)\.Format\) \(fmt\): identity data \(passport\)`
	mc.Set(&memcache.Item{Key: "fn", Value: []byte(fmt.Sprintf("%v", fn))})
}
