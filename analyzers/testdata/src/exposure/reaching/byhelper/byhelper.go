// Package byhelper writes no cache port itself: its listener's default is
// what another package's helper returns.
package byhelper

import (
	"exposure/reaching/envconf"
	"net"
	"os"
)

func listen() {
	addr := os.Getenv("ADDR")
	if addr == "" {
		addr = envconf.DefaultAddr()
	}
	net.Listen("tcp", addr) // want `cache listener on "0.0.0.0:11211" \(returned by DefaultAddr, when addr == ""\) accepts`
}
