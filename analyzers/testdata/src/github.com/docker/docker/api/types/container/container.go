// Package container is a stub of docker's container API types.
package container

import "github.com/docker/go-connections/nat"

// HostConfig is the host side of a container's configuration.
type HostConfig struct {
	PortBindings    nat.PortMap
	PublishAllPorts bool
	NetworkMode     string
}
