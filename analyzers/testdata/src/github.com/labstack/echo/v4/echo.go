// Package echo is a stub of github.com/labstack/echo/v4.
package echo

type Context interface {
	Param(name string) string
	QueryParam(name string) string
	FormValue(name string) string
	Bind(i any) error
	Get(key string) any
	Set(key string, val any)
}

// HandlerFunc handles a request.
type HandlerFunc func(c Context) error

// MiddlewareFunc wraps a handler; Echo routes requests to handlers.
type MiddlewareFunc func(next HandlerFunc) HandlerFunc

type Echo struct{}

func New() *Echo                                                    { return &Echo{} }
func (e *Echo) Use(middleware ...MiddlewareFunc)                    {}
func (e *Echo) GET(path string, h HandlerFunc, m ...MiddlewareFunc) {}
