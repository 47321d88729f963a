// Package byconst writes no cache port itself: its listener's default is
// another package's constant.
package byconst

import (
	"exposure/reaching/addrs"
	"net"
	"os"
)

func listen() {
	addr := os.Getenv("ADDR")
	if addr == "" {
		addr = addrs.Public
	}
	net.Listen("tcp", addr) // want `cache listener on "0.0.0.0:11211" \(when addr == ""\) accepts`

	other := os.Getenv("ADDR")
	if other == "" {
		other = ":8080"
	}
	net.Listen("tcp", other)
}
