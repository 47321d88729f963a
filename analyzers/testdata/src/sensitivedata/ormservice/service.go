package ormservice

import (
	"context"

	"github.com/bradfitz/gomemcache/memcache"
	"github.com/go-gorm/caches/v4"
	"gorm.io/gorm"

	"sensitivedata/ormcacher"
)

type User struct {
	ID            uint
	Name          string
	Email         string
	PasswordHash  string
	EmailVerified bool
}

type Product struct {
	ID    uint
	Name  string
	Price int
}

// UserDTO is what the handlers cache: no secret, no contact data.
type UserDTO struct {
	ID   uint
	Name string
}

// Account hides its secrets from encoding/json, which gorm-caches encodes with.
type Account struct {
	ID           uint
	Email        string `json:"-"`
	PasswordHash string `json:"-"`
}

func open(d gorm.Dialector, mc *memcache.Client) *gorm.DB {
	db, _ := gorm.Open(d)
	db.Use(&caches.Caches{Conf: &caches.Config{Cacher: ormcacher.NewMemcache(mc)}})
	var users []User
	db.Find(&users) // want `\(\*gorm.DB\).Find reads User rows, which gorm-caches caches through \(\*ormcacher.Memcache\).Store into memcached \(\(\*memcache.Client\).Set\): they hold User.Email and User.PasswordHash \(encoding/json\)`
	var u User
	db.Where("name = ?", "ann").Order("id").First(&u) // want `\(\*gorm.DB\).First reads User rows`
	var products []Product
	db.Find(&products)
	var dtos []UserDTO
	db.Model(&User{}).Select("id, name").Find(&dtos)
	var accounts []Account
	db.Find(&accounts)
	return db
}

// Store keeps the cached handle in a field.
type Store struct{ db *gorm.DB }

func NewStore(d gorm.Dialector, mc *memcache.Client) *Store {
	db, _ := gorm.Open(d)
	cfg := &caches.Config{}
	cfg.Cacher = &localCacher{mc: mc}
	db.Use(&caches.Caches{Conf: cfg})
	return &Store{db: db}
}

func (s *Store) User(ctx context.Context, id uint) (User, error) {
	var u User
	err := s.db.WithContext(ctx).Take(&u, id).Error // want `\(\*gorm.DB\).Take reads User rows, which gorm-caches caches through \(\*localCacher\).Store`
	return u, err
}

func (s *Store) Names() []string {
	var names []string
	s.db.Model(&User{}).Pluck("name", &names)
	return names
}

// Plain queries on handles without a memcached-backed cache are quiet.
func Plain(d gorm.Dialector) {
	plain, _ := gorm.Open(d)
	var users []User
	plain.Find(&users)

	mem, _ := gorm.Open(d)
	mem.Use(&caches.Caches{Conf: &caches.Config{Cacher: &ormcacher.Memory{}}})
	mem.Find(&users)
}

// localCacher is a memcached-backed Cacher of this package.
type localCacher struct{ mc *memcache.Client }

func (c *localCacher) Get(ctx context.Context, k string, q *caches.Query[any]) (*caches.Query[any], error) {
	return nil, nil
}

func (c *localCacher) Store(ctx context.Context, k string, val *caches.Query[any]) error {
	b, err := val.Marshal()
	if err != nil {
		return err
	}
	return c.mc.Set(&memcache.Item{Key: "q", Value: b})
}

func (c *localCacher) Invalidate(ctx context.Context) error { return nil }
