// Package ctxmw is middleware: it stores request data into a custom
// context and under context keys, for handlers in other packages.
package ctxmw

import (
	"github.com/gin-gonic/gin"
	"github.com/labstack/echo/v4"
)

// Context is the custom echo context handlers receive.
type Context struct {
	echo.Context
	User   string
	Region string
}

func Auth(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		return next(&Context{Context: c, User: c.QueryParam("user"), Region: "eu"})
	}
}

func GinAuth(c *gin.Context) {
	c.Set("user", c.GetHeader("X-User"))
	c.Set("role", "admin")
}
