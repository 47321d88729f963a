// Package ctxvalues passes request data from middleware to handlers the
// way frameworks do, by reflection or through a chain of handlers: a
// custom context struct, keyed context values, a request-scoped struct's
// fields.
package ctxvalues

import (
	"context"
	"net/http"

	"github.com/beego/beego/v2/server/web"
	"github.com/bradfitz/gomemcache/memcache"
	"github.com/gin-gonic/gin"
	"github.com/labstack/echo/v4"
)

var mc = memcache.New("127.0.0.1:11211")

// AppContext is a custom echo context the middleware makes.
type AppContext struct {
	echo.Context
	User   string
	Tenant string
}

func auth(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		cc := &AppContext{Context: c, User: c.QueryParam("user"), Tenant: "main"}
		cc.Set("session", c.FormValue("sid"))
		cc.Set("region", "eu")
		return next(cc)
	}
}

func profile(c echo.Context) error {
	cc := c.(*AppContext)
	mc.Get(cc.User)                   // want `request data \(c\.QueryParam\) reaches the memcache key of \(\*memcache\.Client\)\.Get`
	mc.Get(c.Get("session").(string)) // want `request data \(c\.FormValue\) reaches the memcache key`
	mc.Get(cc.Tenant)                 // set from constants only
	mc.Get(c.Get("region").(string))  // stored constants only
	return nil
}

func ginAuth(c *gin.Context) {
	c.Set("user", c.GetHeader("X-User"))
	c.Set("role", "admin")
	c.Next()
}

func ginHandler(c *gin.Context) {
	mc.Get(c.GetString("user")) // want `a request header \(c\.GetHeader\) reaches the memcache key`
	if u, ok := c.Get("user"); ok {
		mc.Delete(u.(string)) // want `a request header \(c\.GetHeader\) reaches the memcache key`
	}
	mc.Get(c.MustGet("role").(string))
}

type userKey struct{}

type ctxKey int

const tenantKey ctxKey = 1

func withUser(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ctx := context.WithValue(r.Context(), userKey{}, r.Header.Get("X-User"))
		ctx = context.WithValue(ctx, tenantKey, "main")
		next.ServeHTTP(w, r.WithContext(ctx))
	})
}

func userHandler(w http.ResponseWriter, r *http.Request) {
	u, _ := r.Context().Value(userKey{}).(string)
	mc.Get(u) // want `reaches the memcache key of \(\*memcache\.Client\)\.Get`
	t, _ := r.Context().Value(tenantKey).(string)
	mc.Get(t)
}

// BaseController is a beego controller: the router calls Prepare, then
// Get, on the same value, by reflection.
type BaseController struct {
	web.Controller
	user string
	lang string
}

func (c *BaseController) Prepare() {
	c.user = c.Ctx.Request.Header.Get("X-User")
	c.lang = "en"
}

type PageController struct{ BaseController }

func (c *PageController) Get() {
	mc.Get("page:" + c.user) // want `a request header \(r\.Header\) reaches the memcache key`
	mc.Get("page:" + c.lang)
}

// Plain is a struct that embeds nothing of a framework: its fields are
// told apart per value, as before.
type Plain struct{ user string }

func (p *Plain) fill(r *http.Request) { p.user = r.FormValue("u") }
func (p *Plain) use()                 { mc.Get(p.user) }
