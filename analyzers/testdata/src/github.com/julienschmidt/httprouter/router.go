// Package httprouter is a stub of github.com/julienschmidt/httprouter v1.3.0.
package httprouter

import (
	"context"
	"net/http"
)

type Param struct {
	Key   string
	Value string
}

type Params []Param

func (ps Params) ByName(name string) string { return "" }

func ParamsFromContext(ctx context.Context) Params { return nil }

type Handle func(http.ResponseWriter, *http.Request, Params)

type Router struct{}

func New() *Router { return &Router{} }

func (r *Router) GET(path string, handle Handle) {}
