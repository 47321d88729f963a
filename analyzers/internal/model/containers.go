package model

// This file describes, as data, the container runtimes a program may
// start a memcached container with, and the options of their run
// commands that publish its port. The exposure analyzer interprets it for
// exec.Command("docker", "run", ...) and the like.

// ContainerRuntimes are the base names of the programs whose command line
// is docker's: docker, and the runtimes that copy its run command.
var ContainerRuntimes = []string{"docker", "docker.exe", "podman", "nerdctl"}

// ContainerRunCommands are the subcommands that create and start a
// container, each a sequence of arguments.
var ContainerRunCommands = [][]string{
	{"run"},
	{"create"},
	{"container", "run"},
	{"container", "create"},
}

// RunRole says what an option of a container run command does to the
// exposure of the container's ports.
type RunRole uint8

const (
	// RunOther is an option that changes nothing of exposure.
	RunOther RunRole = iota
	// RunPublish is -p: [HOST_IP:][HOST_PORT:]CONTAINER_PORT[/PROTOCOL];
	// without a host IP the port is published on every host interface.
	RunPublish
	// RunPublishAll is -P: every port the image exposes, on every host
	// interface (memcached's image exposes 11211).
	RunPublishAll
	// RunNetwork is --network: "host" shares the host's interfaces, which
	// memcached then binds unless told otherwise.
	RunNetwork
)

// RunOption is an option of a container run command, or of the runtime
// before it. Options absent from RunOptions take a value ("-e X",
// "--env=X"), as most of docker's do.
type RunOption struct {
	Short string // "-p"; empty if none
	Long  string // "--publish"
	Arg   bool   // takes a value, as "-p X", "-pX", "-p=X" or "--publish=X"
	Role  RunRole
}

// RunOptions lists the options that publish ports or take no value, of
// docker run and docker's global options (podman and nerdctl share them).
var RunOptions = []RunOption{
	{Short: "-p", Long: "--publish", Arg: true, Role: RunPublish},
	{Short: "-P", Long: "--publish-all", Role: RunPublishAll},
	{Long: "--network", Arg: true, Role: RunNetwork},
	{Long: "--net", Arg: true, Role: RunNetwork},

	// Options without a value.
	{Short: "-d", Long: "--detach"},
	{Short: "-i", Long: "--interactive"},
	{Short: "-t", Long: "--tty"},
	{Short: "-q", Long: "--quiet"},
	{Long: "--rm"},
	{Long: "--init"},
	{Long: "--privileged"},
	{Long: "--read-only"},
	{Long: "--no-healthcheck"},
	{Long: "--oom-kill-disable"},
	{Long: "--sig-proxy"},
	{Long: "--disable-content-trust"},
	{Long: "--help"},
	{Long: "--replace"}, // podman
	{Short: "-D", Long: "--debug"},
	{Long: "--tls"},
	{Long: "--tlsverify"},
}

// HostNetworks are the values of --network that share the host's network.
var HostNetworks = []string{"host"}

// PortBindingMap is a Go SDK type that publishes container ports: a map
// from "port/protocol" to bindings whose HostIP field says on which host
// interface, every one when it is empty or 0.0.0.0.
type PortBindingMap struct {
	Map    string // the map type, "package path.Name"
	HostIP string // the host IP field of a binding
	Short  string // for messages
}

// PortBindingMaps lists the modelled SDK types: docker's
// HostConfig.PortBindings is a nat.PortMap.
var PortBindingMaps = []PortBindingMap{
	{Map: "github.com/docker/go-connections/nat.PortMap", HostIP: "HostIP", Short: "nat.PortMap"},
}
