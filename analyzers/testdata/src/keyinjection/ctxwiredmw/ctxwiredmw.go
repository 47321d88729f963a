// Package ctxwiredmw is middleware that stores request data for handlers
// it does not import, and that do not import it: main wires the two.
package ctxwiredmw

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"net/http"

	"github.com/gin-gonic/gin"
	"github.com/labstack/echo/v4"

	"keyinjection/ctxwiredkeys"
)

func Auth(c *gin.Context) {
	c.Set("user", c.Query("user"))
	c.Set("role", "admin")                        // a constant
	c.Set("sid", hashed(c.Query("sid")))          // hashed here
	c.Set("lang", c.GetHeader("Accept-Language")) // read only outside keys
	c.Next()
}

func hashed(s string) string {
	sum := sha256.Sum256([]byte(s))
	return hex.EncodeToString(sum[:])
}

func WithUser(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ctx := context.WithValue(r.Context(), ctxwiredkeys.User, r.URL.Query().Get("user"))
		ctx = context.WithValue(ctx, ctxwiredkeys.Tenant, r.Header.Get("X-Tenant"))
		next.ServeHTTP(w, r.WithContext(ctx))
	})
}

func EchoAuth(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		return next(&ctxwiredkeys.Context{Context: c, User: c.QueryParam("user"), Region: "eu"})
	}
}
