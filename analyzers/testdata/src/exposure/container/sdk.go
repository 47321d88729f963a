package container

import (
	"os"

	"github.com/docker/docker/api/types/container"
	"github.com/docker/go-connections/nat"
)

// Docker's Go SDK: the host side of a container's port bindings.
func sdk() {
	_ = container.HostConfig{PortBindings: nat.PortMap{
		"11211/tcp": []nat.PortBinding{{HostPort: "11211"}}, // want `nat.PortMap publishes cache port 11211/tcp on every host interface \(HostIP ""\): memcached has no authentication by default, so anyone who reaches the host's port can read and dump every key .*; set HostIP: "127.0.0.1" or reach the cache over a container network`
	}}
	_ = nat.PortMap{"11211/tcp": {{HostIP: "0.0.0.0", HostPort: "11211"}}}  // want `nat.PortMap publishes cache port 11211/tcp on every host interface \(HostIP "0.0.0.0"\)`
	_ = nat.PortMap{"11211/udp": {{HostIP: "", HostPort: "11211"}}}         // want `publishes cache port 11211/udp on every host interface .*: memcached's UDP protocol answers`
	_ = nat.PortMap{"11211/tcp": {{HostIP: "198.51.100.8", HostPort: "1"}}} // want `publishes cache port 11211/tcp on a public address \(HostIP "198.51.100.8"\)`
	ip := os.Getenv("BIND")
	if ip == "" {
		ip = "0.0.0.0"
	}
	_ = nat.PortMap{"11211/tcp": {{HostIP: ip, HostPort: "11211"}}} // want `every host interface \(HostIP "0.0.0.0" \(when ip == ""\)\)`

	// Loopback, private addresses, other ports and unknown hosts are quiet.
	_ = nat.PortMap{"11211/tcp": {{HostIP: "127.0.0.1", HostPort: "11211"}}}
	_ = nat.PortMap{"11211/tcp": {{HostIP: "10.0.0.4", HostPort: "11211"}}}
	_ = nat.PortMap{"80/tcp": {{HostPort: "8080"}}}
	_ = nat.PortMap{"11211/tcp": {{HostIP: os.Getenv("BIND"), HostPort: "11211"}}}
}
