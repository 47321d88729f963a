// Package ctxmw is middleware that stores request data under a context
// key for handlers it does not import.
package ctxmw

import (
	"context"
	"net/http"

	"example.com/dispatch/ctxkeys"
)

func WithUser(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ctx := context.WithValue(r.Context(), ctxkeys.User, r.FormValue("user"))
		next.ServeHTTP(w, r.WithContext(ctx))
	})
}
