// Package vstore caches users through a Cache registered by name from a
// package that imports this one.
package vstore

import (
	"encoding/json"

	"sensitivedata/models"
)

type Cache interface {
	Put(key string, value []byte) error
}

var caches = map[string]Cache{}

func Register(name string, c Cache) { caches[name] = c }

func SaveUser(u models.User) {
	b, _ := json.Marshal(u)
	caches["default"].Put("user", b)
}

func SaveName(u models.User) {
	caches["default"].Put("name", []byte(u.Name))
}
