package values

import (
	"bytes"
	"crypto/cipher"
	"encoding/gob"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"net"

	"github.com/bradfitz/gomemcache/memcache"
	"github.com/vmihailenco/msgpack/v5"
	"golang.org/x/crypto/nacl/secretbox"
	yaml "gopkg.in/yaml.v3"

	"sensitivedata/models"
)

var mc = memcache.New("127.0.0.1:11211")

func encoders(u models.User, k models.Keyed, c models.Card) {
	b, _ := json.Marshal(u)
	mc.Set(&memcache.Item{Key: "user", Value: b}) // want `cached value stored by \(\*memcache\.Client\)\.Set contains User\.Email, User\.PasswordHash, Profile\.Contact and Session\.RefreshToken \(encoding/json\): contact data \(e-mail\) and secrets \(password, token\); anyone who reaches memcached can list every key`

	ind, _ := json.MarshalIndent(&u, "", " ")
	mc.Add(&memcache.Item{Key: "user", Value: ind}) // want `contains User\.Email`

	var buf bytes.Buffer
	gob.NewEncoder(&buf).Encode(u)
	mc.Replace(&memcache.Item{Key: "user", Value: buf.Bytes()}) // want `contains User\.Email.*\(encoding/gob\)`

	x, _ := xml.Marshal(k)
	mc.Set(&memcache.Item{Key: "k", Value: x}) // want `contains Keyed\.Secret \(encoding/xml\)`

	m, _ := msgpack.Marshal([]models.Card{c})
	mc.Set(&memcache.Item{Key: "c", Value: m}) // want `contains Card\.CardNumber and Card\.CVV \(msgpack\)`

	y, _ := yaml.Marshal(map[string]models.User{"u": u})
	mc.Set(&memcache.Item{Key: "y", Value: y}) // want `contains User\.Email.*\(yaml\.v3\)`

	s := fmt.Sprintf("%+v", models.Dumped{})
	mc.Set(&memcache.Item{Key: "d", Value: []byte(s)}) // want `contains Dumped\.token \(fmt\)`
}

func direct(u *models.User) {
	mc.Set(&memcache.Item{Key: "e", Value: []byte(u.Email)})               // want `contains User\.Email \(read directly\)`
	mc.Set(&memcache.Item{Key: "p", Value: []byte("h:" + u.PasswordHash)}) // want `contains User\.PasswordHash`
	it := &memcache.Item{Key: "e"}
	it.Value = []byte(u.Email) // want `contains User\.Email`
	mc.CompareAndSwap(it)

	row := map[string]string{"name": u.Name, "email": u.Email}
	b, _ := json.Marshal(row)
	mc.Set(&memcache.Item{Key: "row", Value: b}) // want `contains User\.Email`
}

func quiet(u models.User, s models.Safe, t models.Tagged, c models.Custom) {
	// A DTO with only safe fields.
	b, _ := json.Marshal(models.PublicUser{ID: u.ID, Name: u.Name})
	mc.Set(&memcache.Item{Key: "pub", Value: b})

	// json:"-" and unexported fields are not encoded.
	b, _ = json.Marshal(s)
	mc.Set(&memcache.Item{Key: "safe", Value: b})

	// MarshalJSON decides what is written.
	b, _ = json.Marshal(c)
	mc.Set(&memcache.Item{Key: "custom", Value: b})

	// Metadata fields.
	b, _ = json.Marshal(struct {
		Verified  bool
		TokenType string
	}{u.EmailVerified, u.TokenType})
	mc.Set(&memcache.Item{Key: "meta", Value: b})

	// Names only in keys: memcached's keys are not values.
	mc.Get("user:" + u.Name)
}

func tags(t models.Tagged) {
	b, _ := json.Marshal(t)
	mc.Set(&memcache.Item{Key: "t", Value: b}) // want `contains Tagged\.Phone \(encoding/json\)`
}

func encrypted(u models.User, aead cipher.AEAD, nonce *[24]byte, key *[32]byte) {
	b, _ := json.Marshal(u)
	mc.Set(&memcache.Item{Key: "enc", Value: aead.Seal(nil, nonce[:], b, nil)})
	mc.Set(&memcache.Item{Key: "box", Value: secretbox.Seal(nil, b, nonce, key)})
}

func handWritten(conn net.Conn, u models.User) {
	b, _ := json.Marshal(u)
	fmt.Fprintf(conn, "set user 0 0 %d\r\n%s\r\n", len(b), b) // want `cached value stored by a hand-written memcached "set" command contains User\.Email`
	fmt.Fprintf(conn, "get %s\r\n", u.Name)
}
