// Package ctxkeys declares the context key that ctxmw and ctxhandlers
// share without importing each other.
package ctxkeys

type key int

// User holds the user the request names.
const User key = 0
