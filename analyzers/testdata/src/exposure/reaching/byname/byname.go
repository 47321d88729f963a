// Package byname writes the cache port by its service name only.
package byname

import (
	"net"
	"os"
)

func listen() {
	addr := os.Getenv("ADDR")
	if addr == "" {
		addr = ":Memcache"
	}
	net.Listen("tcp", addr) // want `cache listener on ":Memcache" \(when addr == ""\) accepts`
}
