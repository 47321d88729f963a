package reaching

import (
	"exposure/reaching/envconf"
	"flag"
	"net"
	"os"
	"os/exec"

	bmc "github.com/bradfitz/gomemcache/memcache"
	"github.com/cachevet/cachevet/cacheserver"
)

// getenv returns the variable's value, or def when it is unset.
func getenv(name, def string) string { // want getenv:`returns\(0:param1\|\?\)`
	if v, ok := os.LookupEnv(name); ok {
		return v
	}
	return def
}

// Defaults assigned under a condition, and helpers that return theirs.
func defaults() {
	addr := os.Getenv("CACHE_ADDR")
	if addr == "" {
		addr = "0.0.0.0:11211"
	}
	net.Listen("tcp", addr) // want `cache listener on "0.0.0.0:11211" \(when addr == ""\) accepts connections on every interface: memcached has no authentication by default`

	safe := os.Getenv("CACHE_ADDR")
	if safe == "" {
		safe = "127.0.0.1:11211"
	}
	net.Listen("tcp", safe)

	var port string
	switch os.Getenv("MODE") {
	case "public":
		port = "0.0.0.0:11211"
	case "dev":
		port = "127.0.0.1:11211"
	default:
		port = "10.0.0.7:11211"
	}
	net.Listen("tcp", port) // want `cache listener on "0.0.0.0:11211" accepts`

	net.Listen("tcp", getenv("CACHE_ADDR", ":11211")) // want `cache listener on ":11211" \(returned by getenv \(its argument def\)\) accepts`
	net.Listen("tcp", getenv("CACHE_ADDR", "127.0.0.1:11211"))
	net.Listen("tcp", envconf.Getenv("CACHE_ADDR", "0.0.0.0:11211")) // want `cache listener on "0.0.0.0:11211" \(returned by Getenv \(its argument def\)\) accepts`
	net.Listen("tcp", envconf.Getenv("CACHE_ADDR", "10.0.0.5:11211"))
	net.Listen("tcp", envconf.MustGetenv("CACHE_ADDR", ":11211"))
	net.Listen("tcp", envconf.Lookup("CACHE_ADDR"))
	net.Listen("tcp", envconf.DefaultAddr()) // want `cache listener on "0.0.0.0:11211" \(returned by DefaultAddr\) accepts`
	net.Listen("tcp", envconf.LocalAddr())
	net.Listen("tcp", net.JoinHostPort(getenv("HOST", ""), "11211")) // want `cache listener on ":11211" \(returned by getenv \(its argument def\)\) accepts`
}

// Flags defined in init with flag.StringVar, and on a FlagSet.
var listenAddr, serverAddr string

func init() {
	flag.StringVar(&listenAddr, "listen", ":11211", "cache address")
	flag.StringVar(&serverAddr, "server", "127.0.0.1:11211", "")
}

func flags() {
	net.Listen("tcp", listenAddr) // want `cache listener on ":11211" \(the default of flag -listen\) accepts`
	net.Listen("tcp", serverAddr)

	var local, other string
	fs := flag.NewFlagSet("cache", flag.ExitOnError)
	fs.StringVar(&local, "addr", "0.0.0.0:11211", "")
	fs.StringVar(&other, "other", "127.0.0.1:11211", "")
	net.Listen("tcp", local) // want `cache listener on "0.0.0.0:11211" \(the default of flag -addr\) accepts`
	net.Listen("tcp", other)
}

// Struct defaults taken from a package variable.
type Config struct {
	Addr  string
	Cache struct{ Addr string }
}

var defaultConfig = Config{Addr: "0.0.0.0:11211"}

var safeConfig = Config{Addr: "127.0.0.1:11211"}

var nested Config

func init() { nested.Cache.Addr = ":11211" }

func structs() {
	cfg := defaultConfig
	if a := os.Getenv("CACHE_ADDR"); a != "" {
		cfg.Addr = a
	}
	net.Listen("tcp", cfg.Addr) // want `cache listener on "0.0.0.0:11211" \(field Addr of var defaultConfig\) accepts`

	copied := defaultConfig
	net.Listen("tcp", copied.Addr) // want `cache listener on "0.0.0.0:11211" \(field Addr of var defaultConfig\) accepts`

	p := &defaultConfig
	net.Listen("tcp", p.Addr) // want `cache listener on "0.0.0.0:11211" \(field Addr of var defaultConfig\) accepts`

	s := safeConfig
	if a := os.Getenv("CACHE_ADDR"); a != "" {
		s.Addr = a
	}
	net.Listen("tcp", s.Addr)

	n := nested
	net.Listen("tcp", n.Cache.Addr) // want `cache listener on ":11211" \(field Cache.Addr of var nested\) accepts`

	fixed := defaultConfig
	fixed.Addr = "127.0.0.1:11211"
	net.Listen("tcp", fixed.Addr)
}

// Arguments appended in a conditional block.
func appends(public bool, extra []string) {
	args := []string{"-p", "11211"}
	if public {
		args = append(args, "-l", "0.0.0.0")
	} else {
		args = append(args, "-l", "127.0.0.1")
	}
	exec.Command("memcached", args...) // want `memcached -l "0.0.0.0" listens on every interface: .* \(with the arguments when public\)`

	safe := []string{"-p", "11211", "-l", "127.0.0.1"}
	if public {
		safe = append(safe, "-v")
	}
	exec.Command("memcached", safe...)

	listen := "127.0.0.1"
	if os.Getenv("PUBLIC") != "" {
		listen = "0.0.0.0"
	}
	exec.Command("memcached", "-l", listen) // want `memcached -l "0.0.0.0" listens on every interface`

	unknown := []string{"-p", "11211"}
	if public {
		unknown = append(unknown, extra...)
	}
	exec.Command("memcached", unknown...) // want `memcached started without -l listens on every interface: .* \(with the arguments unless public\)`
	withL := append([]string{"-l", "127.0.0.1"}, extra...)
	exec.Command("memcached", withL...)
}

// Server lists of a client, through the same definitions.
func clients(public bool) {
	servers := os.Getenv("MEMCACHE_SERVERS")
	if servers == "" {
		servers = "203.0.113.9:11211"
	}
	bmc.New(servers) // want `memcache.New connects to "203.0.113.9:11211" \(when servers == ""\), a public address`

	bmc.New(getenv("MEMCACHE_SERVERS", "10.0.0.9:11211"))
	bmc.New(envconf.Getenv("MEMCACHE_SERVERS", "198.51.100.30:11211")) // want `memcache.New connects to "198.51.100.30:11211" \(returned by Getenv \(its argument def\)\), a public address`

	list := []string{"10.0.0.1:11211"}
	if public {
		list = append(list, "198.51.100.31:11211")
	}
	bmc.New(list...) // want `memcache.New connects to "198.51.100.31:11211" \(when public\), a public address`

	private := []string{"10.0.0.1:11211"}
	if public {
		private = append(private, "10.0.0.2:11211")
	}
	bmc.New(private...)
}

var cacheAddr = flag.String("memcache", "198.51.100.32:11211", "")

var client = bmc.New(*cacheAddr) // want `memcache.New connects to "198.51.100.32:11211" \(the default of flag -memcache\), a public address`

// The listen addresses of a server configuration, through the same
// definitions.
func servers(public bool) {
	hosts := []string{"127.0.0.1"}
	if public {
		hosts = []string{"10.0.0.3", "0.0.0.0"}
	}
	cacheserver.New(cacheserver.Config{ListenAddrs: hosts}) // want `cacheserver.Config.ListenAddrs listens on "0.0.0.0" \(when public\), every interface: this memcached has no authentication`

	private := []string{"127.0.0.1"}
	if public {
		private = []string{"10.0.0.3"}
	}
	cacheserver.New(cacheserver.Config{ListenAddrs: private})
}
