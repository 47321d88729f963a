// Package mc is a stub of github.com/memcachier/mc/v3.
package mc

type Client struct{}

type Config struct{}

func NewMC(servers, username, password string) *Client                           { return &Client{} }
func NewMCwithConfig(servers, username, password string, config *Config) *Client { return &Client{} }

func (c *Client) Get(key string) (val string, flags uint32, cas uint64, err error) {
	return "", 0, 0, nil
}
func (c *Client) GAT(key string, exp uint32) (val string, flags uint32, cas uint64, err error) {
	return "", 0, 0, nil
}
func (c *Client) Touch(key string, exp uint32) (cas uint64, err error) { return 0, nil }
func (c *Client) Set(key, val string, flags, exp uint32, ocas uint64) (cas uint64, err error) {
	return 0, nil
}
func (c *Client) Add(key, val string, flags, exp uint32) (cas uint64, err error) { return 0, nil }
func (c *Client) Replace(key, val string, flags, exp uint32, ocas uint64) (cas uint64, err error) {
	return 0, nil
}
func (c *Client) Append(key, val string, ocas uint64) (cas uint64, err error)  { return 0, nil }
func (c *Client) Prepend(key, val string, ocas uint64) (cas uint64, err error) { return 0, nil }
func (c *Client) Del(key string) (err error)                                   { return nil }
func (c *Client) DelCAS(key string, cas uint64) (err error)                    { return nil }
func (c *Client) Incr(key string, delta, init uint64, exp uint32, ocas uint64) (n, cas uint64, err error) {
	return 0, 0, nil
}
func (c *Client) Decr(key string, delta, init uint64, exp uint32, ocas uint64) (n, cas uint64, err error) {
	return 0, 0, nil
}
