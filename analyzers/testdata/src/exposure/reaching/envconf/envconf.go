// Package envconf holds configuration helpers another package calls: what
// they return is summarized as a fact.
package envconf

import "os"

// Getenv returns the variable's value, or def when it is unset.
func Getenv(name, def string) string { // want Getenv:`returns\(0:param1\|\?\)`
	if v := os.Getenv(name); v != "" {
		return v
	}
	return def
}

// Lookup returns the variable's value alone: it has no default.
func Lookup(name string) string { return os.Getenv(name) }

// MustGetenv takes a default it never returns.
func MustGetenv(name, def string) string {
	v := os.Getenv(name)
	if v == "" {
		panic(name + " unset; try " + def)
	}
	return v
}

// DefaultAddr returns the address the service binds by default.
func DefaultAddr() string { return "0.0.0.0:11211" } // want DefaultAddr:`returns\(0:"0.0.0.0:11211"\)`

// LocalAddr returns a loopback address.
func LocalAddr() string { return "127.0.0.1:11211" } // want LocalAddr:`returns\(0:"127.0.0.1:11211"\)`
