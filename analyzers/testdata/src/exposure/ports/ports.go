package ports

import "net"

func listen() {
	net.Listen("tcp", ":11311")    // want `cache listener on ":11311" accepts connections on every interface`
	net.Listen("tcp", ":21211")    // want `cache listener on ":21211" accepts connections on every interface`
	net.Listen("tcp", ":11211")    // not a cache port under -ports=11311,21211
	net.Listen("tcp", ":memcache") // names 11211
	net.Listen("tcp", ":8080")
}
