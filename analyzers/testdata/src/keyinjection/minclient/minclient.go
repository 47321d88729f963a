// Package minclient is a memcached client written inside a service: Get
// validates the key before writing the command, as gomemcache does,
// Touch forgets to.
package minclient

import (
	"bufio"
	"errors"
	"fmt"
	"net"
)

var ErrMalformedKey = errors.New("malformed key")

type Client struct {
	rw *bufio.ReadWriter
}

func New(conn net.Conn) *Client {
	return &Client{rw: bufio.NewReadWriter(bufio.NewReader(conn), bufio.NewWriter(conn))}
}

// legalKey is gomemcache's check.
func legalKey(key string) bool {
	if len(key) > 250 {
		return false
	}
	for i := 0; i < len(key); i++ {
		if key[i] <= ' ' || key[i] == 0x7f {
			return false
		}
	}
	return true
}

// Get is safe to call with any key.
func (c *Client) Get(key string) ([]byte, error) {
	if !legalKey(key) {
		return nil, ErrMalformedKey
	}
	if _, err := fmt.Fprintf(c.rw, "get %s\r\n", key); err != nil {
		return nil, err
	}
	if err := c.rw.Flush(); err != nil {
		return nil, err
	}
	line, err := c.rw.ReadSlice('\n')
	return line, err
}

// Touch writes the key as it is.
func (c *Client) Touch(key string, exp int) error {
	if _, err := fmt.Fprintf(c.rw, "touch %s %d\r\n", key, exp); err != nil {
		return err
	}
	return c.rw.Flush()
}
