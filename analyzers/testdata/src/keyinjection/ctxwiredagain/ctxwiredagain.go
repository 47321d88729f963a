// Package ctxwiredagain imports the package that reported a handler's
// read of what middleware stores, and wires the handler again: the pair
// is reported once, by ctxwiredmain.
package ctxwiredagain

import (
	"github.com/gin-gonic/gin"

	"keyinjection/ctxwiredhandlers"
	_ "keyinjection/ctxwiredmain"
	"keyinjection/ctxwiredmw"
)

func Routes(r *gin.Engine) {
	r.Use(ctxwiredmw.Auth)
	r.GET("/again", ctxwiredhandlers.Profile)
}
