// Package dialect is a stub of entgo.io/ent/dialect.
package dialect

import "context"

type Driver interface {
	Query(ctx context.Context, query string, args, v any) error
	Close() error
}
