package ctxhandlers

import (
	"github.com/bradfitz/gomemcache/memcache"
	"github.com/gin-gonic/gin"
	"github.com/labstack/echo/v4"

	"keyinjection/ctxmw"
)

var mc = memcache.New("127.0.0.1:11211")

func Profile(c echo.Context) error {
	cc := c.(*ctxmw.Context)
	mc.Get(cc.User)   // want `request data \(c\.QueryParam\) reaches the memcache key of \(\*memcache\.Client\)\.Get`
	mc.Get(cc.Region) // set from constants only
	return nil
}

func Page(c *gin.Context) {
	mc.Get(c.GetString("user")) // want `a request header \(c\.GetHeader\) reaches the memcache key`
	mc.Get(c.GetString("role"))
}
