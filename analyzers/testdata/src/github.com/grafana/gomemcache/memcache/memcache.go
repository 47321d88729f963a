// Package memcache is a stub of github.com/grafana/gomemcache/memcache.
package memcache

import (
	"context"
	"net"
)

type Item struct {
	Key        string
	Value      []byte
	Flags      uint32
	Expiration int32
}

type Client struct{}

func New(server ...string) *Client { return &Client{} }

// ServerSelector selects a memcache server as a function of the item's key.
type ServerSelector interface {
	PickServer(key string) (net.Addr, error)
	Each(func(net.Addr) error) error
}

// ServerList is a simple ServerSelector.
type ServerList struct {
	addrs []net.Addr
}

func (ss *ServerList) SetServers(servers ...string) error      { return nil }
func (ss *ServerList) PickServer(key string) (net.Addr, error) { return nil, nil }
func (ss *ServerList) Each(f func(net.Addr) error) error       { return nil }

func NewFromSelector(ss ServerSelector) *Client { return &Client{} }

func (c *Client) Get(key string, opts ...Option) (*Item, error) { return nil, nil }

// GetMulti takes a context first since late 2025.
func (c *Client) GetMulti(ctx context.Context, keys []string, opts ...Option) (map[string]*Item, error) {
	return nil, nil
}

func (c *Client) GetAndTouch(key string, exp int32) (*Item, error)   { return nil, nil }
func (c *Client) Touch(key string, seconds int32) error              { return nil }
func (c *Client) Delete(key string) error                            { return nil }
func (c *Client) Increment(key string, delta uint64) (uint64, error) { return 0, nil }
func (c *Client) Decrement(key string, delta uint64) (uint64, error) { return 0, nil }
func (c *Client) Set(item *Item) error                               { return nil }
func (c *Client) Add(item *Item) error                               { return nil }
func (c *Client) Replace(item *Item) error                           { return nil }
func (c *Client) Append(item *Item) error                            { return nil }
func (c *Client) Prepend(item *Item) error                           { return nil }
func (c *Client) CompareAndSwap(item *Item) error                    { return nil }

// Option configures a read.
type Option func(*Options)

// Options are the read options.
type Options struct{ Alloc any }
