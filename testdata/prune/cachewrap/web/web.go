// Package web reads request parameters for its callers. It imports only
// net/http, as nearly every dependency does, so it is read from export data
// and Param is opaque: a known blind spot of pruning (the model names the
// frameworks whose accessors return request data instead).
package web

import "net/http"

func Param(r *http.Request, name string) string { return r.FormValue(name) }
