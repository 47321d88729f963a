// Package ctxwiredhandlers reads what middleware it does not import
// stores: nothing is reported here, main reports where it wires them.
package ctxwiredhandlers

import (
	"crypto/sha256"
	"encoding/hex"
	"net/http"
	"net/url"

	"github.com/bradfitz/gomemcache/memcache"
	"github.com/gin-gonic/gin"
	"github.com/labstack/echo/v4"

	"keyinjection/ctxwiredkeys"
)

var mc = memcache.New("127.0.0.1:11211")

// Profile reads the value and a helper builds the key.
func Profile(c *gin.Context) { cached(c.GetString("user")) }

func cached(k string) { mc.Get("c:" + k) }

// Role reads a key the middleware stores a constant under.
func Role(c *gin.Context) { mc.Get("role:" + c.GetString("role")) }

// Session reads a key the middleware stores a hash under.
func Session(c *gin.Context) { mc.Get("sid:" + c.GetString("sid")) }

// Other reads a key nothing stores.
func Other(c *gin.Context) { mc.Get("u:" + c.GetString("username")) }

// Escaped and Hashed make the value safe themselves.
func Escaped(c *gin.Context) { mc.Get("u:" + url.QueryEscape(c.GetString("user"))) }

func Hashed(c *gin.Context) {
	sum := sha256.Sum256([]byte(c.GetString("user")))
	mc.Get("u:" + hex.EncodeToString(sum[:]))
}

// Greet puts the value into a cached value, not a key.
func Greet(c *gin.Context) {
	mc.Set(&memcache.Item{Key: "greeting", Value: []byte("hello " + c.GetString("user") + c.GetString("lang"))})
}

func Account(w http.ResponseWriter, r *http.Request) {
	u, _ := r.Context().Value(ctxwiredkeys.User).(string)
	mc.Get("account:" + u)
	t, _ := r.Context().Value(ctxwiredkeys.Tenant).(string)
	mc.Get("tenant:" + url.QueryEscape(t))
}

func EchoProfile(c echo.Context) error {
	cc := c.(*ctxwiredkeys.Context)
	mc.Get("profile:" + cc.User)
	mc.Get("region:" + cc.Region) // set from constants only
	return nil
}
