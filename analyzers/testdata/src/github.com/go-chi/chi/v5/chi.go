// Package chi is a stub of github.com/go-chi/chi/v5.
package chi

import "net/http"

func URLParam(r *http.Request, key string) string { return "" }
