// Package nat is a stub of docker's port mapping types.
package nat

// Port is "port/protocol", such as "11211/tcp".
type Port string

// PortBinding is where on the host a container port is published.
type PortBinding struct {
	HostIP   string
	HostPort string
}

// PortMap maps container ports to their bindings.
type PortMap map[Port][]PortBinding

// PortSet is a set of container ports.
type PortSet map[Port]struct{}
