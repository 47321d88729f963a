// Package summaryscope has helpers whose summaries depend on some of its
// function bodies and not on others: TestSummariesOverSharedSSA checks
// that reading only the former, over a build of every body, finds what a
// build of the former alone finds.
package summaryscope

import (
	"fmt"
	"os"
	"strings"
)

var fallback = "127.0.0.1:11211"

// Addr may return its parameter, a constant or what a local helper returns.
func Addr(host string) string {
	if host != "" {
		return host
	}
	if v := os.Getenv("CACHE_ADDR"); v != "" {
		return v
	}
	return defaultAddr()
}

func defaultAddr() string { return fallback }

// Listen returns a constant, or the package variable another function may
// set.
func Listen() string {
	if strings.HasPrefix(fallback, "0.0.0.0") {
		return ":11211"
	}
	return fallback
}

// Public sets the package variable from a closure.
func Public() {
	set := func(s string) { fallback = s }
	set("0.0.0.0:11211")
}

// Describe returns what nothing can say anything about: its body is not
// read.
func Describe(n int) string {
	parts := make([]string, 0, n)
	for i := range n {
		parts = append(parts, fmt.Sprint(i))
	}
	label := func() string { return strings.Join(parts, ",") }
	return label()
}

// count keeps a count in a local whose address is taken: its body is not
// read.
func count(xs []string) int {
	n := 0
	p := &n
	for range xs {
		*p++
	}
	return n
}

// Count returns no string.
func Count(xs []string) int { return count(xs) }
