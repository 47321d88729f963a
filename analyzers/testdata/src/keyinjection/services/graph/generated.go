// Package graph is what gqlgen generates for a schema with a Query, a
// Mutation and a User object whose friends field has a resolver.
package graph

import (
	"context"

	"github.com/99designs/gqlgen/graphql"
)

type User struct {
	ID   string
	Name string
}

type NewUser struct {
	Name string
}

type Config = graphql.Config[ResolverRoot, DirectiveRoot, ComplexityRoot]

type ResolverRoot interface {
	Query() QueryResolver
	Mutation() MutationResolver
	User() UserResolver
}

type DirectiveRoot struct{}

type ComplexityRoot struct{}

type QueryResolver interface {
	User(ctx context.Context, id string) (*User, error)
}

type MutationResolver interface {
	CreateUser(ctx context.Context, input NewUser) (*User, error)
}

type UserResolver interface {
	Friends(ctx context.Context, obj *User, first *int, after *string) ([]*User, error)
}

func NewExecutableSchema(cfg Config) graphql.ExecutableSchema { return nil }
