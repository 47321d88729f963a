// Package macaron is a stub of gopkg.in/macaron.v1 v1.4.0.
package macaron

import "net/http"

type Request struct {
	*http.Request
}

type RequestBody struct{}

func (rb *RequestBody) String() (string, error) { return "", nil }
func (rb *RequestBody) Bytes() ([]byte, error)  { return nil, nil }

func (r *Request) Body() *RequestBody { return &RequestBody{} }

type Params map[string]string

type Context struct {
	Req    Request
	params Params
	Data   map[string]interface{}
}

func (ctx *Context) Params(name string) string                 { return "" }
func (ctx *Context) AllParams() Params                         { return nil }
func (ctx *Context) ParamsEscape(name string) string           { return "" }
func (ctx *Context) ParamsInt(name string) int                 { return 0 }
func (ctx *Context) ParamsInt64(name string) int64             { return 0 }
func (ctx *Context) Query(name string) string                  { return "" }
func (ctx *Context) QueryTrim(name string) string              { return "" }
func (ctx *Context) QueryStrings(name string) []string         { return nil }
func (ctx *Context) QueryEscape(name string) string            { return "" }
func (ctx *Context) QueryInt64(name string) int64              { return 0 }
func (ctx *Context) GetCookie(name string) string              { return "" }
func (ctx *Context) RemoteAddr() string                        { return "" }
func (ctx *Context) GetSecureCookie(key string) (string, bool) { return "", false }
