package helpers

import (
	"bytes"
	"encoding/gob"
	"encoding/json"
	"io"

	"github.com/bradfitz/gomemcache/memcache"

	"sensitivedata/models"
)

var mc = memcache.New("127.0.0.1:11211")

// SetJSON marshals and stores: its v is a value sink for its callers.
func SetJSON(key string, v any) error {
	b, err := json.Marshal(v)
	if err != nil {
		return err
	}
	return mc.Set(&memcache.Item{Key: key, Value: b})
}

// SetRaw stores bytes as they are.
func SetRaw(key string, v []byte) error {
	return mc.Set(&memcache.Item{Key: key, Value: v})
}

// Encode returns the JSON of v; Store stores it.
func Encode(v any) []byte {
	b, _ := json.Marshal(v)
	return b
}

func Store(it *memcache.Item) error { return mc.Set(it) }

// SetGob gob-encodes v into a buffer and stores the buffer's bytes.
func SetGob(key string, v any) error {
	var buf bytes.Buffer
	if err := gob.NewEncoder(&buf).Encode(v); err != nil {
		return err
	}
	return mc.Set(&memcache.Item{Key: key, Value: buf.Bytes()})
}

// EncodeTo gob-encodes v into w.
func EncodeTo(w io.Writer, v any) error { return gob.NewEncoder(w).Encode(v) }

// WriteContact writes the user's contact into w.
func WriteContact(w io.Writer, u *models.User) {
	io.WriteString(w, u.Name+" <"+u.Email+">")
}
