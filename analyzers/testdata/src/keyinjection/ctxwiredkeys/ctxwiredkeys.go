// Package ctxwiredkeys declares what middleware and handlers share
// without importing each other: context keys and a custom echo context.
package ctxwiredkeys

import "github.com/labstack/echo/v4"

type key int

const (
	User key = iota
	Tenant
)

// Context is the custom echo context the middleware makes.
type Context struct {
	echo.Context
	User   string
	Region string
}
