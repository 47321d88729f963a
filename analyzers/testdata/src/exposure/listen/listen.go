package listen

import (
	"context"
	"crypto/tls"
	"flag"
	"fmt"
	"net"
	"os"
	"strconv"
)

const cachePort = 11211

const wildcard = ":11211"

var pkgAddr = "0.0.0.0:11211" // assigned once

var reassigned = "0.0.0.0:11211"

func init() { reassigned = "127.0.0.1:11211" }

func literals() {
	net.Listen("tcp", ":11211")                  // want `cache listener on ":11211" accepts connections on every interface: memcached has no authentication by default, so anyone who reaches this port can read and dump every key \(stats cachedump, lru_crawler metadump\); bind 127.0.0.1 or a private address, or firewall it and enable SASL \(-S\) or -Y auth`
	net.Listen("tcp", "0.0.0.0:11211")           // want `cache listener on "0.0.0.0:11211" accepts connections on every interface`
	net.Listen("tcp6", "[::]:11211")             // want `cache listener on "\[::\]:11211" accepts connections on every interface`
	net.Listen("tcp", ":memcache")               // want `cache listener on ":memcache" accepts`
	net.Listen("tcp", "203.0.113.7:11211")       // want `cache listener on "203.0.113.7:11211" binds a public address`
	net.ListenPacket("udp", ":11211")            // want `cache UDP listener on ":11211" answers datagrams on every interface: memcached's UDP protocol answers a spoofed 15-byte request .* amplification`
	net.ListenPacket("udp", "203.0.113.7:11211") // want `cache UDP listener on "203.0.113.7:11211" binds a public address: memcached's UDP protocol`
	tls.Listen("tcp", ":11211", &tls.Config{})   // want `cache listener on ":11211" accepts connections on every interface`

	// Loopback, private networks, host names and other ports are quiet.
	net.Listen("tcp", "127.0.0.1:11211")
	net.Listen("tcp", "[::1]:11211")
	net.Listen("tcp", "localhost:11211")
	net.Listen("tcp", "10.1.2.3:11211")
	net.Listen("tcp", "172.20.0.5:11211")
	net.Listen("tcp", "192.168.1.10:11211")
	net.Listen("tcp", "100.64.0.9:11211")
	net.Listen("tcp", "[fd00::1]:11211")
	net.Listen("tcp", "cache.internal:11211")
	net.Listen("tcp", ":8080")
	net.Listen("tcp", "0.0.0.0:443")
	net.ListenPacket("udp", ":53")
	net.ListenPacket("udp", "127.0.0.1:11211")
	net.Listen("unix", "/run/memcached.sock")
	net.Listen("tcp", os.Getenv("ADDR"))
}

func propagation(ctx context.Context, host string) {
	net.Listen("tcp", wildcard)                                        // want `cache listener on ":11211" accepts`
	net.Listen("tcp", pkgAddr)                                         // want `cache listener on "0.0.0.0:11211" accepts`
	net.Listen("tcp", reassigned)                                      // init overwrites the initializer
	net.Listen("tcp", net.JoinHostPort("", "11211"))                   // want `cache listener on ":11211" accepts`
	net.Listen("tcp", net.JoinHostPort("::", strconv.Itoa(cachePort))) // want `cache listener on "\[::\]:11211" accepts`
	net.Listen("tcp", ":"+strconv.Itoa(cachePort))                     // want `cache listener on ":11211" accepts`
	net.Listen("tcp", fmt.Sprintf("0.0.0.0:%d", cachePort))            // want `cache listener on "0.0.0.0:11211" accepts`
	net.Listen("tcp", fmt.Sprintf("%s:%d", "", 11211))                 // want `cache listener on ":11211" accepts`

	addr := ":" + "11211"
	net.Listen("tcp", addr) // want `cache listener on ":11211" accepts`

	port := "11211"
	local := net.JoinHostPort("127.0.0.1", port)
	net.Listen("tcp", local)

	web := fmt.Sprintf(":%d", 8080)
	net.Listen("tcp", web)

	straight := ":8080"
	net.Listen("tcp", straight)
	straight = ":11211"
	net.Listen("tcp", straight) // want `cache listener on ":11211" accepts`

	changing := ":11211"
	if host != "" {
		changing = host + ":11211"
	}
	net.Listen("tcp", changing) // want `cache listener on ":11211" \(unless host != ""\) accepts`

	var lc net.ListenConfig
	lc.Listen(ctx, "tcp", ":11211")               // want `cache listener on ":11211" accepts`
	lc.ListenPacket(ctx, "udp4", "0.0.0.0:11211") // want `cache UDP listener on "0.0.0.0:11211" answers datagrams`
	lc.Listen(ctx, "tcp", "127.0.0.1:11211")
	lc.Listen(ctx, "tcp", net.JoinHostPort(host, "11211"))
}

var listenFlag = flag.String("listen", ":11211", "address of the cache")

func flags(fs *flag.FlagSet) {
	net.Listen("tcp", *listenFlag) // want `cache listener on ":11211" \(the default of flag -listen\) accepts connections on every interface`
	local := fs.String("cache-addr", "127.0.0.1:11211", "")
	net.Listen("tcp", *local)
	web := flag.String("http", ":8080", "")
	net.Listen("tcp", *web)
}

func params(addr, other string) (named string) { // want params:`returns\(0:":11211"\)`
	net.Listen("tcp", addr) // the parameter's value is unknown here
	addr = ":11211"
	net.Listen("tcp", addr) // want `cache listener on ":11211" accepts`

	net.Listen("tcp", named)
	named = ":11211"
	if other != "" {
		other = ":11211"
	}
	net.Listen("tcp", other) // want `cache listener on ":11211" \(when other != ""\) accepts`
	return named
}
