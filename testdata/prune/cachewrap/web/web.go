// Package web reads request parameters: it imports net/http, so it is
// analyzed and Param becomes a source for its callers.
package web

import "net/http"

func Param(r *http.Request, name string) string { return r.FormValue(name) }
