// Package leaky is a user service whose gorm handle caches every query in
// memcached: the users' rows, password hashes and e-mail addresses
// included.
package leaky

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

// Service serves users from a SQLite database through the cache.
type Service struct{ db *gorm.DB }

// Open opens the database at path with the query cache in mc.
func Open(path string, mc *memcache.Client) (*Service, error) {
	db, err := gorm.Open(sqlite.Open(path), &gorm.Config{Logger: logger.Discard})
	if err != nil {
		return nil, err
	}
	if err := db.Use(&caches.Caches{Conf: &caches.Config{Cacher: &memcacher.Cacher{MC: mc}}}); err != nil {
		return nil, err
	}
	if err := db.AutoMigrate(&User{}); err != nil {
		return nil, err
	}
	return &Service{db: db}, nil
}

// Create adds a user.
func (s *Service) Create(u *User) error { return s.db.Create(u).Error }

// User returns the user with the id, for the profile page.
func (s *Service) User(id uint) (User, error) {
	var u User
	err := s.db.First(&u, id).Error
	return u, err
}

// ByName lists the users of a name.
func (s *Service) ByName(name string) ([]User, error) {
	var us []User
	err := s.db.Where("name = ?", name).Order("id").Find(&us).Error
	return us, err
}
