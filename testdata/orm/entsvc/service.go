// Package entsvc is a user service on ent whose driver entcache wraps with
// a memcached level: entcache stores the raw columns of every query, the
// password hash ent's schema marks Sensitive() included.
package entsvc

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"ariga.io/entcache"
	"entgo.io/ent/dialect"
	entsql "entgo.io/ent/dialect/sql"
	"github.com/bradfitz/gomemcache/memcache"
	_ "github.com/glebarez/go-sqlite"

	"example.com/orm/entsvc/ent"
	"example.com/orm/entsvc/ent/user"
)

// Level is an entcache level in memcached.
type Level struct{ MC *memcache.Client }

func (l *Level) key(k entcache.Key) string { return fmt.Sprintf("ent:%v", k) }

// Add stores the rows of a query.
func (l *Level) Add(ctx context.Context, k entcache.Key, e *entcache.Entry, ttl time.Duration) error {
	b, err := e.MarshalBinary()
	if err != nil {
		return err
	}
	return l.MC.Set(&memcache.Item{Key: l.key(k), Value: b, Expiration: int32(ttl.Seconds())})
}

// Get returns the rows of a query, or entcache.ErrNotFound.
func (l *Level) Get(ctx context.Context, k entcache.Key) (*entcache.Entry, error) {
	it, err := l.MC.Get(l.key(k))
	if err != nil {
		return nil, entcache.ErrNotFound
	}
	e := &entcache.Entry{}
	return e, e.UnmarshalBinary(it.Value)
}

// Del drops the rows of a query.
func (l *Level) Del(ctx context.Context, k entcache.Key) error { return l.MC.Delete(l.key(k)) }

// Service serves users through the cached client.
type Service struct{ client *ent.Client }

// Open opens the SQLite database at path with the cache in mc.
func Open(ctx context.Context, path string, mc *memcache.Client) (*Service, error) {
	db, err := sql.Open("sqlite", path+"?_pragma=foreign_keys(1)")
	if err != nil {
		return nil, err
	}
	base := entsql.OpenDB(dialect.SQLite, db)
	// Migrations run on the driver itself: entcache handles queries only.
	if err := ent.NewClient(ent.Driver(base)).Schema.Create(ctx); err != nil {
		return nil, err
	}
	drv := entcache.NewDriver(base, entcache.TTL(time.Minute), entcache.Levels(&Level{MC: mc}))
	return &Service{client: ent.NewClient(ent.Driver(drv))}, nil
}

// Create adds a user.
func (s *Service) Create(ctx context.Context, name, email, hash, pin string) error {
	return s.client.User.Create().SetName(name).SetEmail(email).SetPasswordHash(hash).SetPin(pin).Exec(ctx)
}

// ByName returns the user of a name.
func (s *Service) ByName(ctx context.Context, name string) (*ent.User, error) {
	return s.client.User.Query().Where(user.Name(name)).Only(ctx)
}

// Count counts the users: no row is cached.
func (s *Service) Count(ctx context.Context) (int, error) {
	return s.client.User.Query().Count(ctx)
}
