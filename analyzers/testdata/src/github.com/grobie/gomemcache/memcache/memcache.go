// Package memcache is a stub of github.com/grobie/gomemcache/memcache.
package memcache

type Item struct {
	Key        string
	Value      []byte
	Flags      uint32
	Expiration int32
}

type Client struct{}

func New(server ...string) (*Client, error) { return &Client{}, nil }

func (c *Client) Get(key string) (*Item, error)                      { return nil, nil }
func (c *Client) GetMulti(keys []string) (map[string]*Item, error)   { return nil, nil }
func (c *Client) Touch(key string, seconds int32) error              { return nil }
func (c *Client) Delete(key string) error                            { return nil }
func (c *Client) Increment(key string, delta uint64) (uint64, error) { return 0, nil }
func (c *Client) Decrement(key string, delta uint64) (uint64, error) { return 0, nil }
func (c *Client) Set(item *Item) error                               { return nil }
func (c *Client) Add(item *Item) error                               { return nil }
func (c *Client) Replace(item *Item) error                           { return nil }
func (c *Client) CompareAndSwap(item *Item) error                    { return nil }
