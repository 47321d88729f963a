// Package caches is a stub of github.com/go-gorm/caches/v4.
package caches

import (
	"context"
	"encoding/json"

	"gorm.io/gorm"
)

type Cacher interface {
	Get(ctx context.Context, key string, q *Query[any]) (*Query[any], error)
	Store(ctx context.Context, key string, val *Query[any]) error
	Invalidate(ctx context.Context) error
}

type Query[T any] struct {
	Dest         T
	RowsAffected int64
}

func (q *Query[T]) Marshal() ([]byte, error)     { return json.Marshal(q) }
func (q *Query[T]) Unmarshal(bytes []byte) error { return json.Unmarshal(bytes, q) }

type Config struct {
	Easer  bool
	Cacher Cacher
}

type Caches struct {
	Conf *Config
}

func (c *Caches) Name() string                 { return "gorm:caches" }
func (c *Caches) Initialize(db *gorm.DB) error { return nil }
