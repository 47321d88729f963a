package model

// This file describes, as data, the APIs through which a cache server
// becomes reachable from other hosts: listening sockets, the reference
// server's configuration, memcached command lines and client server lists.
// The exposure analyzer interprets it.
//
// Argument indexes in this file count the arguments of the call expression
// as written, not counting a method's receiver.

// DefaultCachePorts is the default of the exposure analyzer's -ports flag:
// memcached's registered port.
const DefaultCachePorts = "11211"

// PortName is a service name that net resolves to a port, as in
// net.Listen("tcp", ":memcache").
type PortName struct {
	Name string
	Port string
}

// PortNames lists the service names of cache ports (from /etc/services).
var PortNames = []PortName{
	{Name: "memcache", Port: "11211"},
}

// Listener is a call that opens a listening socket on a "host:port" address.
type Listener struct {
	Func    string // types.Func.FullName
	Short   string // for messages
	Network int    // index of the network argument ("tcp", "udp", ...)
	Addr    int    // index of the address argument
}

// Listeners lists the calls that listen on an address.
var Listeners = []Listener{
	{Func: "net.Listen", Short: "net.Listen", Network: 0, Addr: 1},
	{Func: "net.ListenPacket", Short: "net.ListenPacket", Network: 0, Addr: 1},
	{Func: "crypto/tls.Listen", Short: "tls.Listen", Network: 0, Addr: 1},
	{Func: "(*net.ListenConfig).Listen", Short: "(*net.ListenConfig).Listen", Network: 1, Addr: 2},
	{Func: "(*net.ListenConfig).ListenPacket", Short: "(*net.ListenConfig).ListenPacket", Network: 1, Addr: 2},
}

// DatagramNetworks are the networks on which a listener answers datagrams:
// a cache served over UDP is an amplification reflector.
var DatagramNetworks = []string{"udp", "udp4", "udp6"}

// LocalNetworks are the networks that never reach another host.
var LocalNetworks = []string{"unix", "unixgram", "unixpacket"}

// StringFlag is a call that defines a string flag and returns a pointer to
// its value, or stores it through the pointer of its first argument
// (Into): an address read there is the flag's default unless the
// operator overrides it.
type StringFlag struct {
	Func    string // types.Func.FullName
	Name    int    // index of the flag's name
	Default int    // index of its default value
	Into    bool   // the value is stored through argument 0
}

// StringFlags lists the calls that define a string flag.
var StringFlags = []StringFlag{
	{Func: "flag.String", Name: 0, Default: 1},
	{Func: "(*flag.FlagSet).String", Name: 0, Default: 1},
	{Func: "flag.StringVar", Name: 1, Default: 2, Into: true},
	{Func: "(*flag.FlagSet).StringVar", Name: 1, Default: 2, Into: true},
}

// ServerConfig describes the configuration struct of a cache server that
// listens on the hosts of a field.
type ServerConfig struct {
	// Type is the struct's package path and name.
	Type string
	// Short names the struct in messages.
	Short string
	// Listen is the []string field of hosts ("0.0.0.0") or "host:port"
	// addresses to listen on; an empty list means loopback.
	Listen string
	// Port is the int field of the TCP port that Listen's hosts use.
	Port string
	// Auth are fields that enable authentication when set to a non-zero value.
	Auth []string
	// Hardened is a bool field that makes the server refuse to listen
	// beyond loopback unless one of Auth is set.
	Hardened string
}

// ServerConfigs lists the modelled server configurations: this project's
// reference memcached (package cacheserver).
var ServerConfigs = []ServerConfig{
	{
		Type:     "github.com/cachevet/cachevet/cacheserver.Config",
		Short:    "cacheserver.Config",
		Listen:   "ListenAddrs",
		Port:     "Port",
		Auth:     []string{"SASL", "AuthFile"},
		Hardened: "Hardened",
	},
}

// Launcher is a call that starts a program with arguments.
type Launcher struct {
	Func  string // types.Func.FullName
	Short string
	Name  int // index of the program name
	Args  int // index of the first (variadic) argument
}

// Launchers lists the calls that start a program.
var Launchers = []Launcher{
	{Func: "os/exec.Command", Short: "exec.Command", Name: 0, Args: 1},
	{Func: "os/exec.CommandContext", Short: "exec.CommandContext", Name: 1, Args: 2},
}

// MemcachedPrograms are the base names of the memcached executable; a
// program name is memcached if it is one of them or a path ending in one.
var MemcachedPrograms = []string{"memcached", "memcached.exe"}

// OptionRole says what a memcached command-line option does to exposure.
type OptionRole uint8

const (
	// OptListen is -l: the comma-separated interfaces to bind, each a host
	// or host:port. Without it memcached binds every interface.
	OptListen OptionRole = iota + 1
	// OptUDPPort is -U: the UDP port, 0 (the default since 1.5.6) disables UDP.
	OptUDPPort
	// OptAuth enables authentication: -S (SASL) or -Y (auth file).
	OptAuth
	// OptPort is -p: the TCP port (default 11211).
	OptPort
	// OptUnixSocket is -s: memcached then listens on the unix socket only,
	// neither TCP nor UDP.
	OptUnixSocket
	// OptExit makes memcached print something and exit without listening:
	// -V (version), -h (help), -i (license).
	OptExit
	// OptNoDumps is -X: memcached then refuses stats cachedump and
	// lru_crawler metadump, the commands that list its keys.
	OptNoDumps
)

// MemcachedOption is a command-line option of memcached 1.6.
type MemcachedOption struct {
	Short string // "-l"
	Long  string // "--listen"
	Arg   bool   // takes a value, as "-l X", "-lX" or "--listen=X"
	Role  OptionRole
}

// MemcachedOptions lists the options that decide memcached's exposure.
var MemcachedOptions = []MemcachedOption{
	{Short: "-l", Long: "--listen", Arg: true, Role: OptListen},
	{Short: "-U", Long: "--udp-port", Arg: true, Role: OptUDPPort},
	{Short: "-S", Long: "--enable-sasl", Arg: false, Role: OptAuth},
	{Short: "-Y", Long: "--auth-file", Arg: true, Role: OptAuth},
	{Short: "-p", Long: "--port", Arg: true, Role: OptPort},
	{Short: "-s", Long: "--unix-socket", Arg: true, Role: OptUnixSocket},
	{Short: "-V", Long: "--version", Arg: false, Role: OptExit},
	{Short: "-h", Long: "--help", Arg: false, Role: OptExit},
	{Short: "-i", Long: "--license", Arg: false, Role: OptExit},
	{Short: "-X", Long: "--disable-dumping", Arg: false, Role: OptNoDumps},
}

// ServerListCall is a call whose string argument Servers (counted from 0,
// the receiver not counted), and for a variadic call the ones after it,
// are the addresses of the memcached servers a client uses; List: each
// string is a comma- or space-separated list of them.
type ServerListCall struct {
	Func    string
	Short   string
	Servers int
	List    bool
}

// ServerListCalls returns the calls that take server addresses of the
// given clients: gomemcache's New(server ...string) and the
// (*ServerList).SetServers behind NewFromSelector, memcachier's
// NewMC("host1,host2", ...) and the like.
func ServerListCalls(clients []Client) []ServerListCall {
	var out []ServerListCall
	seen := make(map[string]bool)
	for _, c := range clients {
		for _, s := range c.Servers {
			full := memberName(c.Path, s.Type, s.Func)
			if seen[full] {
				continue
			}
			seen[full] = true
			out = append(out, ServerListCall{Func: full, Short: memberName(c.Package(), s.Type, s.Func), Servers: s.Arg - 1, List: s.List})
		}
	}
	return out
}

// InternalNets are the address ranges that do not reach the internet: a
// cache bound to or reached at one of them is not exposed by this analyzer's
// standard. Every other IP address is public.
var InternalNets = []string{
	"127.0.0.0/8",    // IPv4 loopback
	"::1/128",        // IPv6 loopback
	"10.0.0.0/8",     // RFC 1918
	"172.16.0.0/12",  // RFC 1918
	"192.168.0.0/16", // RFC 1918
	"100.64.0.0/10",  // RFC 6598 carrier-grade NAT
	"169.254.0.0/16", // IPv4 link-local
	"fe80::/10",      // IPv6 link-local
	"fc00::/7",       // IPv6 unique local addresses
}

// LoopbackHosts are host names that always mean loopback.
var LoopbackHosts = []string{"localhost"}
