// Package web is a stub of github.com/beego/beego/v2/server/web.
package web

import "net/http"

// Context is the request context of a controller.
type Context struct {
	Request *http.Request
}

// Controller is embedded by the application's controllers; the router
// calls their Prepare and then the method for the HTTP verb by reflection.
type Controller struct {
	Ctx  *Context
	Data map[any]any
}

func (c *Controller) Prepare() {}
func (c *Controller) Get()     {}
