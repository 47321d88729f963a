// Package gin is a stub of github.com/gin-gonic/gin.
package gin

type Context struct{}

func (c *Context) Param(key string) string      { return "" }
func (c *Context) Query(key string) string      { return "" }
func (c *Context) PostForm(key string) string   { return "" }
func (c *Context) GetHeader(key string) string  { return "" }
func (c *Context) ShouldBindJSON(obj any) error { return nil }
