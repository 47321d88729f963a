// Package entgen is what ent generates for a schema of users (with a
// password hash and a PIN marked Sensitive()) and products, reduced to
// what the queries use.
package entgen

import (
	"context"

	"entgo.io/ent/dialect"
)

type config struct{ driver dialect.Driver }

type Option func(*config)

func Driver(driver dialect.Driver) Option { return func(c *config) { c.driver = driver } }

type Client struct {
	config
	User    *UserClient
	Product *ProductClient
}

func NewClient(opts ...Option) *Client {
	c := config{}
	for _, o := range opts {
		o(&c)
	}
	return &Client{config: c, User: &UserClient{c}, Product: &ProductClient{c}}
}

func (c *Client) Close() error { return nil }

type User struct {
	config       `json:"-"`
	ID           int    `json:"id,omitempty"`
	Name         string `json:"name,omitempty"`
	Email        string `json:"email,omitempty"`
	PasswordHash string `json:"-"`
	Pin          string `json:"-"`
}

type Product struct {
	config `json:"-"`
	ID     int    `json:"id,omitempty"`
	Title  string `json:"title,omitempty"`
}

type UserClient struct{ config }

func (c *UserClient) Query() *UserQuery                              { return &UserQuery{} }
func (c *UserClient) Get(ctx context.Context, id int) (*User, error) { return nil, nil }

type UserQuery struct {
	config
	predicates []func()
}

func (q *UserQuery) Where(ps ...func()) *UserQuery            { return q }
func (q *UserQuery) All(ctx context.Context) ([]*User, error) { return nil, nil }
func (q *UserQuery) Only(ctx context.Context) (*User, error)  { return nil, nil }
func (q *UserQuery) Count(ctx context.Context) (int, error)   { return 0, nil }
func (q *UserQuery) IDs(ctx context.Context) ([]int, error)   { return nil, nil }

type ProductClient struct{ config }

func (c *ProductClient) Query() *ProductQuery { return &ProductQuery{} }

type ProductQuery struct{ config }

func (q *ProductQuery) All(ctx context.Context) ([]*Product, error) { return nil, nil }
