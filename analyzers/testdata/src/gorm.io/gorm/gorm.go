// Package gorm is a stub of gorm.io/gorm.
package gorm

import "context"

type Dialector interface{ Name() string }

type Config struct{}

type Plugin interface {
	Name() string
	Initialize(*DB) error
}

type DB struct{ Error error }

func Open(d Dialector, opts ...*Config) (*DB, error) { return &DB{}, nil }

func (db *DB) Use(p Plugin) error                  { return nil }
func (db *DB) Where(query any, args ...any) *DB    { return db }
func (db *DB) Model(value any) *DB                 { return db }
func (db *DB) Select(query any, args ...any) *DB   { return db }
func (db *DB) Order(value any) *DB                 { return db }
func (db *DB) Limit(n int) *DB                     { return db }
func (db *DB) Session(s *Session) *DB              { return db }
func (db *DB) WithContext(ctx context.Context) *DB { return db }
func (db *DB) Find(dest any, conds ...any) *DB     { return db }
func (db *DB) First(dest any, conds ...any) *DB    { return db }
func (db *DB) Take(dest any, conds ...any) *DB     { return db }
func (db *DB) Scan(dest any) *DB                   { return db }
func (db *DB) Pluck(column string, dest any) *DB   { return db }
func (db *DB) Create(value any) *DB                { return db }

type Session struct{}
