// Package memcached is a stub of github.com/yeqown/memcached.
package memcached

import (
	"context"
	"io"
	"time"
)

// Client's methods come from embedded unexported interfaces, as in the
// library.
type Client interface {
	io.Closer
	basicTextProtocolCommander
	metaTextProtocolCommander
}

type basicTextProtocolCommander interface {
	Set(ctx context.Context, key string, value []byte, flag uint32, expiry time.Duration) error
	Add(ctx context.Context, key string, value []byte, flag uint32, expiry time.Duration) error
	Replace(ctx context.Context, key string, value []byte, flag uint32, expiry time.Duration) error
	Append(ctx context.Context, key string, value []byte, flag uint32, expiry time.Duration) error
	Prepend(ctx context.Context, key string, value []byte, flag uint32, expiry time.Duration) error
	Cas(ctx context.Context, key string, value []byte, flag uint32, expiry time.Duration, cas uint64) error
	Get(ctx context.Context, key string) (*Item, error)
	Gets(ctx context.Context, keys ...string) ([]*Item, error)
	GetAndTouch(ctx context.Context, expiry time.Duration, key string) (*Item, error)
	GetAndTouches(ctx context.Context, expiry time.Duration, keys ...string) ([]*Item, error)
	Delete(ctx context.Context, key string) error
	Incr(ctx context.Context, key string, delta uint64) (uint64, error)
	Decr(ctx context.Context, key string, delta uint64) (uint64, error)
	Touch(ctx context.Context, key string, expiry time.Duration) error
}

type metaTextProtocolCommander interface {
	MetaSet(ctx context.Context, key, value []byte, options ...MetaSetOption) (*MetaItem, error)
	MetaGet(ctx context.Context, key []byte, options ...MetaGetOption) (*MetaItem, error)
	MetaDelete(ctx context.Context, key []byte, options ...MetaDeleteOption) (*MetaItem, error)
}

type Item struct {
	Key   string
	Value []byte
	Flags uint32
	CAS   uint64
}

type MetaItem struct {
	Key   []byte
	Value []byte
}

type (
	MetaSetOption    func()
	MetaGetOption    func()
	MetaDeleteOption func()
	ClientOption     func()
)

func New(addr string, opts ...ClientOption) (Client, error) { return nil, nil }
