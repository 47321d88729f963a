package entservice

import (
	"context"
	"fmt"
	"time"

	"ariga.io/entcache"
	"entgo.io/ent/dialect"
	"github.com/bradfitz/gomemcache/memcache"

	"sensitivedata/entgen"
)

// memcacheLevel is an entcache level backed by memcached.
type memcacheLevel struct{ mc *memcache.Client }

func (l *memcacheLevel) Add(ctx context.Context, k entcache.Key, e *entcache.Entry, ttl time.Duration) error {
	b, err := e.MarshalBinary()
	if err != nil {
		return err
	}
	return l.mc.Set(&memcache.Item{Key: fmt.Sprint(k), Value: b, Expiration: int32(ttl.Seconds())})
}

func (l *memcacheLevel) Get(ctx context.Context, k entcache.Key) (*entcache.Entry, error) {
	it, err := l.mc.Get(fmt.Sprint(k))
	if err != nil {
		return nil, entcache.ErrNotFound
	}
	e := &entcache.Entry{}
	return e, e.UnmarshalBinary(it.Value)
}

func (l *memcacheLevel) Del(ctx context.Context, k entcache.Key) error {
	return l.mc.Delete(fmt.Sprint(k))
}

// Service keeps a client whose driver caches in memcached.
type Service struct{ client *entgen.Client }

func New(drv dialect.Driver, mc *memcache.Client) *Service {
	cached := entcache.NewDriver(drv, entcache.TTL(time.Minute), entcache.Levels(entcache.NewLRU(256), &memcacheLevel{mc: mc}))
	return &Service{client: entgen.NewClient(entgen.Driver(cached))}
}

func (s *Service) Users(ctx context.Context) ([]*entgen.User, error) {
	return s.client.User.Query().All(ctx) // want `\(\*entgen.UserQuery\).All reads entgen.User rows, which entcache caches through \(\*memcacheLevel\).Add into memcached \(\(\*memcache.Client\).Set\): they hold User.Email, User.PasswordHash and User.Pin \(raw columns \(encoding/gob\)\)`
}

func (s *Service) User(ctx context.Context, id int) (*entgen.User, error) {
	return s.client.User.Get(ctx, id) // want `\(\*entgen.UserClient\).Get reads entgen.User rows`
}

func (s *Service) Count(ctx context.Context) (int, error) {
	return s.client.User.Query().Count(ctx)
}

func (s *Service) Products(ctx context.Context) ([]*entgen.Product, error) {
	return s.client.Product.Query().All(ctx)
}

// Local makes its client in the function that queries it.
func Local(ctx context.Context, drv dialect.Driver, mc *memcache.Client) {
	client := entgen.NewClient(entgen.Driver(entcache.NewDriver(drv, entcache.Levels(&memcacheLevel{mc: mc}))))
	client.User.Query().Where().Only(ctx) // want `\(\*entgen.UserQuery\).Only reads entgen.User rows`
}

// InProcess caches in an LRU of the process only; plain has no cache.
func InProcess(ctx context.Context, drv dialect.Driver) {
	client := entgen.NewClient(entgen.Driver(entcache.NewDriver(drv, entcache.Levels(entcache.NewLRU(128)))))
	client.User.Query().All(ctx)
	plain := entgen.NewClient(entgen.Driver(drv))
	plain.User.Query().All(ctx)
}
