// Package fiber is a stub of github.com/gofiber/fiber/v2.
package fiber

type Ctx struct{}

func (c *Ctx) Params(key string, defaultValue ...string) string         { return "" }
func (c *Ctx) Query(key string, defaultValue ...string) string          { return "" }
func (c *Ctx) Get(key string, defaultValue ...string) string            { return "" }
func (c *Ctx) Cookies(key string, defaultValue ...string) string        { return "" }
func (c *Ctx) Path(override ...string) string                           { return "" }
func (c *Ctx) Body() []byte                                             { return nil }
func (c *Ctx) BodyParser(out interface{}) error                         { return nil }
func (c *Ctx) Locals(key interface{}, value ...interface{}) interface{} { return nil }
