// Package exposure defines an Analyzer that reports cache servers reachable
// beyond loopback or a private network.
//
// # Analyzer exposure
//
// exposure: report cache servers reachable beyond loopback or a private network
//
// Memcached has no authentication by default and, 1.6 included, binds every
// interface unless told otherwise. Anyone who reaches its port can read,
// overwrite and dump every key (stats cachedump, lru_crawler metadump), and
// its UDP protocol answers a spoofed 15-byte request with replies up to
// thousands of times larger: memcached reflectors served the largest
// amplification DDoS attacks on record. The analyzer reports, where the
// address is a constant:
//
//   - a listener on a cache port that accepts connections on every
//     interface (empty host, 0.0.0.0, :: or [::]) or binds a public address:
//     net.Listen, net.ListenPacket, tls.Listen and the Listen and
//     ListenPacket methods of net.ListenConfig;
//
//   - a configuration of this project's reference server whose ListenAddrs
//     hold such a host, unless it is Hardened without SASL or AuthFile (the
//     server then refuses to start);
//
//   - memcached started with exec.Command or exec.CommandContext without -l
//     (it then binds every interface), with a -l address that is neither
//     loopback nor private, or with a non-zero UDP port (-U) reachable
//     beyond loopback. Whether -S or -Y enables authentication, and whether
//     -X refuses the dump commands, is said in the message; neither is
//     reported alone. A command with -s listens on
//     its unix socket only, and one with -V, -h or -i exits at once: they
//     are not reported;
//
//   - a memcache client (github.com/bradfitz/gomemcache/memcache or
//     github.com/grafana/gomemcache/memcache) given a public IP address in
//     New or in the SetServers of the ServerList behind NewFromSelector: a
//     cache reached over the internet is exposed to everyone on the way.
//
// For example:
//
//	net.Listen("tcp", ":11211")                          // every interface
//	cacheserver.Config{ListenAddrs: []string{"0.0.0.0"}} // every interface
//	exec.Command("memcached", "-m", "64", "-U", "11211") // no -l; UDP on
//	memcache.New("203.0.113.7:11211")                    // a public address
//
// reports, for the first,
//
//	cache listener on ":11211" accepts connections on every interface:
//	memcached has no authentication by default, so anyone who reaches this
//	port can read and dump every key (stats cachedump, lru_crawler
//	metadump); bind 127.0.0.1 or a private address, or firewall it and
//	enable SASL (-S) or -Y auth
//
// Addresses are evaluated as constants through constant declarations,
// variables assigned exactly once or only by statements of one block (the
// last assignment before the use counts), the default of a flag.String read
// through its pointer (named in the message, and fixed there), string
// concatenation, net.JoinHostPort, strconv.Itoa, strings.Join and
// fmt.Sprintf with a constant format; argument lists through []string
// literals, append, strings.Fields and strings.Split. An address or argument
// that is not constant is not judged, nor is a host name: only IP literals
// are classified. Loopback, RFC 1918, carrier-grade NAT (100.64.0.0/10),
// link-local and unique-local IPv6 (fc00::/7) addresses are private; every
// other IP address is public.
//
// Where an address or an argument list is not one constant, every
// definition that reaches it is judged, found on SSA: the edges of phis (a
// default assigned under if addr == "", an os.Getenv fallback, the cases
// of a switch), stores to variables whose address is taken, the defaults
// of flag.String and flag.StringVar (in init too), fields of a struct
// copied from a package variable, helpers in this package or another that
// return a parameter or a constant (another package's exported helpers
// are summarized as facts, so that getenv(name, def) is judged by its
// def), and lists built by append in a
// conditional block. A finding names the definition and how it reaches
// the use: "(when addr == \"\")", "(the default of flag -listen)",
// "(returned by getenv (its argument def))". Parameters, maps, files and
// other packages' variables are not followed.
//
// Container runtimes (docker, podman, nerdctl) started with exec.Command
// are parsed as docker parses its run command: a cache port published on
// every host interface or a public address (-p 11211:11211,
// --publish=0.0.0.0:11211:11211), -P on a memcached image, and
// --network host with memcached's own arguments are reported; the fix
// publishes on loopback (-p 127.0.0.1:11211:11211). So is a literal
// nat.PortMap of docker's Go SDK (HostConfig.PortBindings) whose binding
// for a cache port has no HostIP, or "" or 0.0.0.0. Cache libraries that
// take their servers in a configuration string or field (beego's
// cache.NewCache("memcache", `{"conn":"..."}`), a memcache:// URL for
// bartventer/gocache, gofiber's memcache.Config.Servers) are judged on
// the addresses found in it, as client server lists are.
//
// Listeners are judged only on cache ports: 11211 (or the service name
// memcache) by default, or the comma-separated ports of the -ports flag, so
// that a web server on :8080 stays quiet:
//
//	go vet -vettool=$(which cachevet) -exposure.ports=11211,21211 ./...
//
// # Fixes
//
// Where the change is mechanical a suggested fix binds loopback instead:
// ":11211" becomes "127.0.0.1:11211" ("[::]:11211" becomes "[::1]:11211")
// in a literal address, the literal host of net.JoinHostPort or the literal
// default of a flag.String; "0.0.0.0" becomes "127.0.0.1" in ListenAddrs or
// after -l; "-U", "11211" becomes "-U", "0"; and "-l", "127.0.0.1" is added
// to a memcached argument list written in the call or as a []string literal.
// Binding a private address, a firewall and SASL (-S) or -Y authentication
// are the alternatives the messages name when loopback is not what the
// deployment needs.
//
// # Deployment files
//
// Standalone cachevet applies the same judgement of memcached's flags to
// the files that deploy it (Dockerfiles, Compose, Kubernetes, systemd
// units, memcached.conf, sysconfig/memcached) and reports published ports,
// Services and firewall rules that open a cache port to the world; see
// package github.com/cachevet/cachevet/analyzers/exposure/deploy.
//
// # Suppression
//
// Silence one finding with a reason, on its line or the line above:
//
//	//cachevet:ignore exposure the container's network namespace is private
//	ln, err := net.Listen("tcp", ":11211")
package exposure
