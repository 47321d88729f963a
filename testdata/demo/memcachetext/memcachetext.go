// Package memcachetext speaks memcached's text protocol over one
// connection, for the commands gomemcache lacks a convenient form of.
package memcachetext

import (
	"bufio"
	"fmt"
	"net"
	"strings"
	"sync"
	"time"
)

// Conn is one connection to memcached.
type Conn struct {
	mu   sync.Mutex
	conn net.Conn
	r    *bufio.Reader
}

// Dial connects to memcached at addr.
func Dial(addr string) (*Conn, error) {
	c, err := net.DialTimeout("tcp", addr, time.Second)
	if err != nil {
		return nil, err
	}
	return &Conn{conn: c, r: bufio.NewReader(c)}, nil
}

// Touch sets a new expiration time on key.
func (c *Conn) Touch(key string, ttl time.Duration) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	if _, err := fmt.Fprintf(c.conn, "touch %s %d\r\n", key, int(ttl.Seconds())); err != nil {
		return err
	}
	line, err := c.r.ReadString('\n')
	if err != nil {
		return err
	}
	if line = strings.TrimSpace(line); line != "TOUCHED" {
		return fmt.Errorf("memcached: touch %q: %s", key, line)
	}
	return nil
}
