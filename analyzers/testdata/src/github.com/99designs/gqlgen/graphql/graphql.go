// Package graphql is a stub of github.com/99designs/gqlgen/graphql v0.17.98.
package graphql

import "context"

type FieldContext struct {
	Parent *FieldContext
	Object string
	Args   map[string]any
}

func GetFieldContext(ctx context.Context) *FieldContext { return nil }

type ExecutableSchema interface {
	Schema() any
}

type Config[R any, D any, C any] struct {
	Schema     any
	Resolvers  R
	Directives D
	Complexity C
}
