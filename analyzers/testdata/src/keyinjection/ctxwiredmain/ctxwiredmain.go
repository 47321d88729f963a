// Package ctxwiredmain wires middleware and handlers that do not import
// each other: a value the middleware stores reaches a handler's key here.
package ctxwiredmain

import (
	"net/http"

	"github.com/gin-gonic/gin"
	"github.com/labstack/echo/v4"

	"keyinjection/ctxwiredhandlers"
	"keyinjection/ctxwiredmw"
)

func main() {
	r := gin.New()
	r.Use(ctxwiredmw.Auth)
	r.GET("/profile", ctxwiredhandlers.Profile) // want `request data \(c\.Query\) that ctxwiredmw\.Auth stores under context key "user" reaches the memcache key of \(\*memcache\.Client\)\.Get through ctxwiredhandlers\.Profile and ctxwiredhandlers\.cached unescaped`
	r.GET("/role", ctxwiredhandlers.Role)
	r.GET("/session", ctxwiredhandlers.Session)
	r.GET("/other", ctxwiredhandlers.Other)
	r.GET("/escaped", ctxwiredhandlers.Escaped)
	r.GET("/hashed", ctxwiredhandlers.Hashed)
	r.GET("/greet", ctxwiredhandlers.Greet)

	http.Handle("/account", ctxwiredmw.WithUser(http.HandlerFunc(ctxwiredhandlers.Account))) // want `the request URL \(r\.URL\) that ctxwiredmw\.WithUser stores under context key keyinjection/ctxwiredkeys\.key:0 reaches the memcache key of \(\*memcache\.Client\)\.Get through ctxwiredhandlers\.Account unescaped`

	e := echo.New()
	e.GET("/echo", ctxwiredhandlers.EchoProfile, ctxwiredmw.EchoAuth) // want `request data \(c\.QueryParam\) that ctxwiredmw\.EchoAuth stores in field ctxwiredkeys\.Context\.User reaches the memcache key of \(\*memcache\.Client\)\.Get through ctxwiredhandlers\.EchoProfile unescaped`
}
