// Package gin is a stub of github.com/gin-gonic/gin.
package gin

type Context struct{}

func (c *Context) Param(key string) string      { return "" }
func (c *Context) Query(key string) string      { return "" }
func (c *Context) PostForm(key string) string   { return "" }
func (c *Context) GetHeader(key string) string  { return "" }
func (c *Context) ShouldBindJSON(obj any) error { return nil }

func (c *Context) Set(key string, value any)               {}
func (c *Context) Get(key string) (value any, exists bool) { return nil, false }
func (c *Context) MustGet(key string) any                  { return nil }
func (c *Context) GetString(key string) string             { return "" }
func (c *Context) Next()                                   {}

// HandlerFunc and Engine route requests to handlers and middleware.
type HandlerFunc func(*Context)

type Engine struct{}

func New() *Engine                                         { return &Engine{} }
func (e *Engine) Use(middleware ...HandlerFunc)            {}
func (e *Engine) GET(path string, handlers ...HandlerFunc) {}
