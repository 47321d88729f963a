package suppress

import "net"

func listen() {
	//cachevet:ignore exposure the container's network namespace is private
	net.Listen("tcp", ":11211")
	net.Listen("tcp", ":11211") //cachevet:ignore exposure firewalled by the security group

	//cachevet:ignore exposure // want `//cachevet:ignore exposure needs a reason`
	net.Listen("tcp", ":11211")

	//cachevet:ignore keyinjection not this analyzer
	net.Listen("tcp", ":11211") // want `cache listener on ":11211" accepts`
}
