// Package fixed is the user service of package leaky, fixed both ways:
// the cached handle reads the profile into a type without the secrets,
// and the full rows are read through a handle without the cache.
package fixed

import (
	"github.com/bradfitz/gomemcache/memcache"
	"github.com/glebarez/sqlite"
	"github.com/go-gorm/caches/v4"
	"gorm.io/gorm"
	"gorm.io/gorm/logger"

	"example.com/orm/memcacher"
)

// User is a row of the users table.
type User struct {
	ID           uint
	Name         string
	Email        string
	PasswordHash string
}

// Profile is what the profile page shows, and all that is cached.
type Profile struct {
	ID   uint
	Name string
}

// Service serves users from a SQLite database.
type Service struct {
	cached *gorm.DB // results in memcached: public data only
	db     *gorm.DB // no cache: rows with secrets
}

// Open opens the database at path, with the query cache in mc on one
// handle.
func Open(path string, mc *memcache.Client) (*Service, error) {
	db, err := gorm.Open(sqlite.Open(path), &gorm.Config{Logger: logger.Discard})
	if err != nil {
		return nil, err
	}
	cached, err := gorm.Open(sqlite.Open(path), &gorm.Config{Logger: logger.Discard})
	if err != nil {
		return nil, err
	}
	if err := cached.Use(&caches.Caches{Conf: &caches.Config{Cacher: &memcacher.Cacher{MC: mc}}}); err != nil {
		return nil, err
	}
	if err := db.AutoMigrate(&User{}); err != nil {
		return nil, err
	}
	return &Service{cached: cached, db: db}, nil
}

// Create adds a user.
func (s *Service) Create(u *User) error { return s.db.Create(u).Error }

// Profile returns the public part of a user, from the cache.
func (s *Service) Profile(id uint) (Profile, error) {
	var p Profile
	err := s.cached.Model(&User{}).First(&p, id).Error
	return p, err
}

// User returns the whole user, never cached.
func (s *Service) User(id uint) (User, error) {
	var u User
	err := s.db.First(&u, id).Error
	return u, err
}
