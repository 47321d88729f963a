// Package memcached is a stub of github.com/couchbase/gomemcached/client.
package memcached

type Client struct{}

type MCResponse struct{ Body []byte }

type ClientContext struct{}

func Connect(prot, dest string) (rv *Client, err error) { return &Client{}, nil }

func (c *Client) Get(vb uint16, key string, context ...*ClientContext) (*MCResponse, error) {
	return nil, nil
}
func (c *Client) Del(vb uint16, key string, context ...*ClientContext) (*MCResponse, error) {
	return nil, nil
}
func (c *Client) Set(vb uint16, key string, flags int, exp int, body []byte, context ...*ClientContext) (*MCResponse, error) {
	return nil, nil
}
func (c *Client) GetBulk(vb uint16, keys []string, rv map[string]*MCResponse, subPaths []string, context ...*ClientContext) error {
	return nil
}
