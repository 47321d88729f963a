package fixes

import (
	"flag"
	"net"
	"os/exec"

	"github.com/cachevet/cachevet/cacheserver"
	"github.com/docker/go-connections/nat"
)

func fixes() {
	net.Listen("tcp", ":11211")                      // want `accepts connections on every interface`
	net.Listen("tcp", "0.0.0.0:11211")               // want `accepts connections on every interface`
	net.Listen("tcp6", ":11211")                     // want `accepts connections on every interface`
	net.ListenPacket("udp", "[::]:11211")            // want `answers datagrams on every interface`
	net.Listen("tcp", net.JoinHostPort("", "11211")) // want `accepts connections on every interface`
	net.Listen("tcp", "203.0.113.7:11211")           // want `binds a public address`

	cacheserver.New(cacheserver.Config{ListenAddrs: []string{"0.0.0.0", "[::]:11311"}}) // want `listens on "0.0.0.0"` `listens on "\[::\]:11311"`

	exec.Command("memcached")                // want `started without -l`
	exec.Command("memcached", "-p", "11211") // want `started without -l`
	exec.Command("memcached", []string{}...) // want `started without -l`
	args := []string{
		"-m", "64",
	}
	exec.Command("memcached", args...)                        // want `started without -l`
	exec.Command("memcached", "-l", "0.0.0.0", "-U", "11211") // want `-l "0.0.0.0" listens on every interface` `-U 11211 serves UDP`
	exec.Command("memcached", "-l::", "--udp-port=11211")     // want `-l "::" listens on every interface` `-U 11211 serves UDP`
	exec.Command("memcached", "-l", "10.0.0.1", "-U11211")    // want `-U 11211 serves UDP`
}

var addr = flag.String("addr", ":11211", "listen address")

func fromFlag() {
	net.Listen("tcp", *addr) // want `the default of flag -addr`
}

func containers() {
	exec.Command("docker", "run", "-p", "11211:11211", "memcached")          // want `publishes cache port 11211 on every host interface`
	exec.Command("podman", "run", "--publish=11211", "memcached")            // want `publishes cache port 11211 on every host interface`
	exec.Command("docker", "run", "--network=host", "memcached", "-l", "::") // want `memcached -l "::" listens on every interface`
}

func bindings() {
	_ = nat.PortMap{"11211/tcp": {{HostPort: "11211"}}}                    // want `publishes cache port 11211/tcp on every host interface`
	_ = nat.PortMap{"11211/tcp": {{HostIP: "0.0.0.0", HostPort: "11211"}}} // want `publishes cache port 11211/tcp on every host interface`
}
