package launch

import (
	"context"
	"os"
	"os/exec"
	"strings"
)

var base = []string{"-m", "64", "-p", "11211"}

func start(ctx context.Context, extra []string, addr string) {
	exec.Command("memcached")                                     // want `memcached started without -l listens on every interface: memcached has no authentication here \(no -S or -Y\), so anyone who reaches port 11211 can read and dump every key \(stats cachedump, lru_crawler metadump\); add "-l", "127.0.0.1" or a private address, or firewall it and enable SASL \(-S\) or -Y auth`
	exec.Command("/usr/bin/memcached", "-p", "11311", "-m", "64") // want `memcached started without -l .* reaches port 11311`
	exec.CommandContext(ctx, "memcached", "-S", "-vv")            // want `memcached started without -l listens on every interface: only its -S/-Y credentials guard port 11211 against every host that reaches it; add "-l", "127.0.0.1" or a private address, or firewall it$`
	exec.Command("memcached", base...)                            // want `memcached started without -l`
	exec.Command("memcached", "-X")                               // want `memcached started without -l listens on every interface: memcached has no authentication here \(no -S or -Y\), so anyone who reaches port 11211 can read and overwrite every key \(-X refuses only the dump commands\); add`
	exec.Command("memcached", append(base, "-c", "1024")...)      // want `memcached started without -l`
	exec.Command("memcached", strings.Fields("-m 64 -U 0")...)    // want `memcached started without -l`

	exec.Command("memcached", "-l", "0.0.0.0")                                // want `memcached -l "0.0.0.0" listens on every interface: memcached has no authentication here`
	exec.Command("memcached", "-l", "127.0.0.1,::")                           // want `memcached -l "::" listens on every interface`
	exec.Command("memcached", "--listen=203.0.113.5")                         // want `memcached -l "203.0.113.5" binds a public address`
	exec.Command("memcached", "-l0.0.0.0:11211", "-Y", "/etc/memcached/auth") // want `memcached -l "0.0.0.0:11211" listens on every interface: only its -S/-Y credentials guard`

	exec.Command("memcached", "-U", "11211")                        // want `memcached started without -l` `memcached -U 11211 serves UDP beyond loopback: memcached's UDP protocol answers a spoofed 15-byte request .* use -U 0 \(the default since memcached 1.5.6\)`
	exec.Command("memcached", "-l", "10.0.0.4", "--udp-port=11211") // want `memcached -U 11211 serves UDP beyond loopback`

	// Loopback or private listeners, a unix socket, UDP off and unknown
	// arguments are quiet.
	exec.Command("memcached", "-l", "127.0.0.1")
	exec.Command("memcached", "-l", "127.0.0.1", "-U", "11211")
	exec.Command("memcached", "--listen", "localhost", "-p", "11211")
	exec.Command("memcached", "-l", "10.0.0.4,192.168.7.7", "-U", "0")
	exec.Command("memcached", "-l", "cache.internal")
	exec.Command("memcached", "-s", "/run/memcached.sock", "-U", "11211")
	exec.Command("memcached", "--enable-ssl", "--version")
	exec.Command("memcached", "-h")
	exec.Command("memcached", append(base, "-l", "127.0.0.1")...)
	exec.Command("memcached", extra...)
	exec.Command("memcached", append(base, extra...)...)
	exec.Command("memcached", "-l", addr, "-U", "11211")
	exec.Command("memcached", "-p", "11211", os.Getenv("MEMCACHED_LISTEN"))
	exec.Command("redis-server", "--port", "6379")
	exec.Command("/opt/bin/memcached-tool", "127.0.0.1:11211", "stats")

	args := []string{"-m", "64"}
	if addr != "" {
		args = append(args, "-l", addr)
	}
	exec.Command("memcached", args...) // want `memcached started without -l listens on every interface: .* \(with the arguments unless addr != ""\)`

	// Straight-line appends: the last assignment before the use reaches it.
	line := []string{"-m", "64"}
	line = append(line, "-U", "11211")
	line = append(line, "-c", "1024")
	exec.Command("memcached", line...) // want `memcached started without -l` `memcached -U 11211 serves UDP beyond loopback`

	local := []string{"-m", "64"}
	exec.Command("memcached", local...) // want `memcached started without -l`
	local = append(local, "-l", "127.0.0.1")
	exec.Command("memcached", local...)

	deferred := []string{"-l", "127.0.0.1"}
	defer func() { exec.Command("memcached", deferred...) }() // want `memcached -l "0.0.0.0" listens on every interface`
	deferred = append(deferred, "-l", "0.0.0.0")

	var opts []string
	opts = append(opts, "--listen=0.0.0.0")
	exec.Command("memcached", opts...) // want `memcached -l "0.0.0.0" listens on every interface`
}

// An unknown option value leaves the options known: still no -l.
func unknownPort(port string) {
	exec.Command("memcached", "-p", port) // want `memcached started without -l listens on every interface`
	exec.Command("memcached", "-p", port, "-l", "127.0.0.1")
}
