package web

import (
	"encoding/json"
	"net/http"
	"strconv"

	"github.com/bradfitz/gomemcache/memcache"
)

// Account is a user row as the database returns it.
type Account struct {
	ID           int64  `json:"id"`
	Name         string `json:"name"`
	Email        string `json:"email"`
	PasswordHash string `json:"password_hash"`
}

// PublicAccount is what may be cached: no contact data, no secrets.
type PublicAccount struct {
	ID   int64  `json:"id"`
	Name string `json:"name"`
}

// Session is cached with its token hidden from encoding/json.
type Session struct {
	UserID int64  `json:"user_id"`
	Token  string `json:"-"`
}

func loadAccount(id int64) *Account {
	return &Account{ID: id, Name: "ann", Email: "ann@example.com", PasswordHash: "$2a$10$..."}
}

// CacheAccount caches the whole row, e-mail and password hash included.
func CacheAccount(w http.ResponseWriter, r *http.Request) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil {
		return
	}
	b, _ := json.Marshal(loadAccount(id))
	mc.Set(&memcache.Item{Key: "account:" + strconv.FormatInt(id, 10), Value: b}) // want sensitivedata: PasswordHash // ok keyinjection: a formatted int // ok keylength: at most 28 bytes
}

// CachePublicAccount caches only the public fields.
func CachePublicAccount(w http.ResponseWriter, r *http.Request) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil {
		return
	}
	a := loadAccount(id)
	b, _ := json.Marshal(PublicAccount{ID: a.ID, Name: a.Name})
	mc.Set(&memcache.Item{Key: "public-account:" + strconv.FormatInt(id, 10), Value: b}) // ok sensitivedata: only public fields
}

// CacheSession caches a session; json:"-" keeps the token out.
func CacheSession(s *Session) {
	b, _ := json.Marshal(s)
	mc.Set(&memcache.Item{Key: "session:" + strconv.FormatInt(s.UserID, 10), Value: b}) // ok sensitivedata: the token is json:"-"
}
