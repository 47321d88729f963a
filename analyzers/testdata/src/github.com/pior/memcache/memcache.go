// Package memcache is a stub of github.com/pior/memcache, written from its
// documented API (the module is not served).
package memcache

import (
	"context"
	"time"
)

type TTL time.Duration

type Item struct {
	Key   string
	Value []byte
	TTL   TTL
	Found bool
}

type Servers interface{ List() []string }

type servers []string

func (s servers) List() []string { return s }

func StaticServers(addrs ...string) servers { return servers(addrs) }

type Config struct{ MaxSize int32 }

// Client embeds *Commands, so its Get and Set are Commands' methods.
type Client struct {
	*Commands
}

func NewClient(servers Servers, config Config) *Client { return &Client{Commands: &Commands{}} }

type Commands struct{}

func (c *Commands) Get(ctx context.Context, key string) (Item, error) { return Item{}, nil }
func (c *Commands) Set(ctx context.Context, item Item) error          { return nil }
func (c *Commands) Add(ctx context.Context, item Item) error          { return nil }
func (c *Commands) Delete(ctx context.Context, key string) error      { return nil }
func (c *Commands) Increment(ctx context.Context, key string, delta int64, ttl TTL) (int64, error) {
	return 0, nil
}

type BatchCommands struct{}

func NewBatchCommands(executor any) *BatchCommands { return &BatchCommands{} }

func (b *BatchCommands) MultiGet(ctx context.Context, keys []string) ([]Item, error) { return nil, nil }
func (b *BatchCommands) MultiSet(ctx context.Context, items []Item) error            { return nil }
func (b *BatchCommands) MultiDelete(ctx context.Context, keys []string) error        { return nil }
