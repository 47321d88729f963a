package main

import (
	"encoding/json"
	"errors"
	"net/http"
	"net/url"
	"time"

	"example.com/demo/catalog"
	"example.com/demo/memcachetext"
	"github.com/bradfitz/gomemcache/memcache"
)

type server struct {
	mc      *memcache.Client
	catalog *catalog.Catalog
	raw     *memcachetext.Conn
}

// product serves /products?id=..., caching the product for five minutes.
func (s *server) product(w http.ResponseWriter, r *http.Request) {
	id := r.FormValue("id")
	key := "product:" + id // BUG: "?id=1%20x" makes gomemcache fail, so every such request skips the cache
	if it, err := s.mc.Get(key); err == nil {
		w.Header().Set("Content-Type", "application/json")
		w.Write(it.Value)
		return
	}
	p, err := loadProduct(id)
	if err != nil {
		http.Error(w, "not found", http.StatusNotFound)
		return
	}
	body, _ := json.Marshal(p)
	s.mc.Set(&memcache.Item{Key: key, Value: body, Expiration: 300})
	w.Header().Set("Content-Type", "application/json")
	w.Write(body)
}

// search serves /products/search?q=..., caching result pages.
func (s *server) search(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query().Get("q")
	page := r.URL.Query().Get("page")
	// BUG: q and page go into the key unescaped.
	if it, err := s.mc.Get("search:" + q + ":" + page); err == nil {
		w.Write(it.Value)
		return
	}
	w.Write([]byte("[]"))
}

// user serves /users/{name} through the catalog's cache wrapper.
func (s *server) user(w http.ResponseWriter, r *http.Request) {
	name := r.PathValue("name")
	profile, err := s.catalog.UserProfile(name) // BUG: the wrapper puts name into a key
	if errors.Is(err, memcache.ErrCacheMiss) {
		u, err := loadUser(name)
		if err != nil {
			http.Error(w, "no such user", http.StatusNotFound)
			return
		}
		// BUG: the whole row is cached, e-mail and password hash included.
		s.catalog.CacheUser(name, u)
		profile, _ = json.Marshal(publicUser{Name: u.Name, DisplayName: u.DisplayName})
	}
	w.Write(profile)
}

// touchUser extends the cache lifetime of a user's profile with a
// hand-written memcached command.
func (s *server) touchUser(w http.ResponseWriter, r *http.Request) {
	// BUG: "%0d%0aflush_all" in {name} injects a command on the raw connection.
	if err := s.raw.Touch("user:"+r.PathValue("name"), time.Hour); err != nil {
		http.Error(w, err.Error(), http.StatusBadGateway)
	}
}

// category serves /categories/{slug}. This one is correct: the slug's
// length is checked and the slug is escaped, so cachevet does not report it.
func (s *server) category(w http.ResponseWriter, r *http.Request) {
	slug := r.PathValue("slug")
	if len(slug) > 64 {
		http.Error(w, "no such category", http.StatusNotFound)
		return
	}
	key := "category:" + url.QueryEscape(slug)
	if it, err := s.mc.Get(key); err == nil {
		w.Write(it.Value)
		return
	}
	w.Write([]byte("{}"))
}

type product struct {
	ID    string `json:"id"`
	Name  string `json:"name"`
	Price int    `json:"price_cents"`
}

type user struct {
	Name         string `json:"name"`
	DisplayName  string `json:"display_name"`
	Email        string `json:"email"`
	PasswordHash string `json:"password_hash"`
}

type publicUser struct {
	Name        string `json:"name"`
	DisplayName string `json:"display_name"`
}

func loadUser(name string) (*user, error) {
	if name == "" {
		return nil, errors.New("no name")
	}
	return &user{Name: name, DisplayName: name, Email: name + "@example.com", PasswordHash: "$2a$10$..."}, nil
}

func loadProduct(id string) (*product, error) {
	if id == "" {
		return nil, errors.New("no id")
	}
	return &product{ID: id, Name: "Widget " + id, Price: 1999}, nil
}
