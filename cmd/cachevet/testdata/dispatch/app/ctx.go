package main

import (
	"net/http"

	"example.com/dispatch/ctxhandlers"
	"example.com/dispatch/ctxmw"
)

// init wires middleware and a handler that do not import each other.
func init() {
	http.Handle("/account", ctxmw.WithUser(http.HandlerFunc(ctxhandlers.Account)))
}
