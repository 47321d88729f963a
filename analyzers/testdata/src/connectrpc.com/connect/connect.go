// Package connect is a stub of connectrpc.com/connect v1.21.1.
package connect

import (
	"net/http"
	"net/url"
)

type Spec struct {
	Procedure string
}

type Peer struct {
	Addr     string
	Protocol string
	Query    url.Values
}

type Request[T any] struct {
	Msg *T

	spec   Spec
	peer   Peer
	header http.Header
}

func NewRequest[T any](message *T) *Request[T] { return &Request[T]{Msg: message} }

func (r *Request[_]) Any() any            { return r.Msg }
func (r *Request[_]) Spec() Spec          { return r.spec }
func (r *Request[_]) Peer() Peer          { return r.peer }
func (r *Request[_]) Header() http.Header { return r.header }
func (r *Request[_]) HTTPMethod() string  { return "" }

type Response[T any] struct {
	Msg *T
}

func NewResponse[T any](message *T) *Response[T] { return &Response[T]{Msg: message} }

type ClientStream[Req any] struct {
	msg    *Req
	header http.Header
}

func (c *ClientStream[Req]) RequestHeader() http.Header { return c.header }
func (c *ClientStream[Req]) Receive() bool              { return false }
func (c *ClientStream[Req]) Msg() *Req                  { return c.msg }

type BidiStream[Req, Res any] struct {
	header http.Header
}

func (b *BidiStream[Req, Res]) RequestHeader() http.Header { return b.header }
func (b *BidiStream[Req, Res]) Receive() (*Req, error)     { return nil, nil }
func (b *BidiStream[Req, Res]) Send(*Res) error            { return nil }
