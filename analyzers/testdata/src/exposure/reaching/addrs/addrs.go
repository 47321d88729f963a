// Package addrs holds a default address as a constant, and no helper
// whose summary could carry it.
package addrs

// Public is a default another package takes.
const Public = "0.0.0.0:11211"
