// Package web reads request parameters for its callers. It imports only
// net/http, as nearly every dependency does, so it is read from export
// data; Param is given the request and returns text, which makes its
// result request data for its callers.
package web

import "net/http"

func Param(r *http.Request, name string) string { return r.FormValue(name) }
