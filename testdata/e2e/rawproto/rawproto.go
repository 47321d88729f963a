// Package rawproto speaks memcached's text protocol by hand.
package rawproto

import (
	"bufio"
	"fmt"
	"net"
	"net/http"
	"net/url"
)

// Client is a minimal hand-written memcached client.
type Client struct {
	conn net.Conn
	r    *bufio.Reader
}

// Dial connects to a memcached server.
func Dial(addr string) (*Client, error) {
	conn, err := net.Dial("tcp", addr)
	if err != nil {
		return nil, err
	}
	return &Client{conn: conn, r: bufio.NewReader(conn)}, nil
}

// Get sends a get command for key and returns the first response line.
func (c *Client) Get(key string) (string, error) {
	if _, err := fmt.Fprintf(c.conn, "get %s\r\n", key); err != nil {
		return "", err
	}
	return c.r.ReadString('\n')
}

// Handler looks keys up on conn, writing the command itself.
func Handler(conn net.Conn) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		key := r.FormValue("key")
		fmt.Fprintf(conn, "get %s\r\n", key) // want keyinjection: r.FormValue // want keylength: unbounded
	}
}

// EscapedHandler is Handler with the key escaped; escaping does not bound
// its length.
func EscapedHandler(conn net.Conn) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		key := url.QueryEscape(r.FormValue("key"))
		fmt.Fprintf(conn, "get %s\r\n", key) // ok keyinjection: url.QueryEscape // want keylength: unbounded
	}
}
