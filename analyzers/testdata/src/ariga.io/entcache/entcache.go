// Package entcache is a stub of ariga.io/entcache.
package entcache

import (
	"bytes"
	"context"
	"database/sql/driver"
	"encoding/gob"
	"errors"
	"time"

	"entgo.io/ent/dialect"
)

type Entry struct {
	Columns []string
	Values  [][]driver.Value
}

func (e Entry) MarshalBinary() ([]byte, error) {
	entry := struct {
		C []string
		V [][]driver.Value
	}{C: e.Columns, V: e.Values}
	var buf bytes.Buffer
	if err := gob.NewEncoder(&buf).Encode(entry); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

func (e *Entry) UnmarshalBinary(buf []byte) error { return nil }

type Key any

type AddGetDeleter interface {
	Del(context.Context, Key) error
	Add(context.Context, Key, *Entry, time.Duration) error
	Get(context.Context, Key) (*Entry, error)
}

var ErrNotFound = errors.New("entcache: entry was not found")

type LRU struct{}

func NewLRU(maxEntries int) *LRU                                   { return &LRU{} }
func (*LRU) Add(context.Context, Key, *Entry, time.Duration) error { return nil }
func (*LRU) Get(context.Context, Key) (*Entry, error)              { return nil, nil }
func (*LRU) Del(context.Context, Key) error                        { return nil }

type Option func(*Options)

type Options struct{ Levels []AddGetDeleter }

func Levels(levels ...AddGetDeleter) Option { return func(o *Options) { o.Levels = levels } }
func TTL(ttl time.Duration) Option          { return func(o *Options) {} }

type Driver struct{ dialect.Driver }

func NewDriver(drv dialect.Driver, opts ...Option) *Driver { return &Driver{Driver: drv} }
