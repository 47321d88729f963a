// Package memcache is a stub of github.com/QuangTung97/go-memcache/memcache.
package memcache

type Client struct{}

type Option func()

func New(addr string, numConns int, options ...Option) (*Client, error) { return &Client{}, nil }

func (c *Client) Pipeline() *Pipeline { return &Pipeline{} }

type Pipeline struct{}

type (
	MGetOptions  struct{}
	MSetOptions  struct{}
	MDelOptions  struct{}
	MGetResponse struct{ Data []byte }
	MSetResponse struct{}
	MDelResponse struct{}
)

func (p *Pipeline) MGet(key string, opts MGetOptions) func() (MGetResponse, error) { return nil }
func (p *Pipeline) MSet(key string, value []byte, opts MSetOptions) func() (MSetResponse, error) {
	return nil
}
func (p *Pipeline) MDel(key string, opts MDelOptions) func() (MDelResponse, error) { return nil }
func (p *Pipeline) Finish()                                                        {}
