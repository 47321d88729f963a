package exposure

import (
	"net"
	"net/netip"
	"slices"
	"strconv"
	"strings"

	"github.com/cachevet/cachevet/analyzers/internal/model"
)

// reach says how far a host a server binds to, or a client connects to,
// can be reached from.
type reach uint8

const (
	reachUnknown  reach = iota // a host name, not judged
	reachAll                   // every interface: "", 0.0.0.0, ::
	reachLoopback              // this host only
	reachInternal              // a private network (RFC 1918, CGNAT, link-local, ULA)
	reachPublic                // the internet
)

// internalNets are model.InternalNets, parsed once; never modified.
var internalNets = func() []netip.Prefix {
	out := make([]netip.Prefix, len(model.InternalNets))
	for i, s := range model.InternalNets {
		out[i] = netip.MustParsePrefix(s)
	}
	return out
}()

// classify says how far host reaches. host may be bracketed ("[::]") and
// may carry an IPv6 zone.
func classify(host string) reach {
	host = strings.TrimSuffix(strings.TrimPrefix(host, "["), "]")
	if host == "" {
		return reachAll
	}
	if slices.Contains(model.LoopbackHosts, strings.ToLower(host)) {
		return reachLoopback
	}
	ip, err := netip.ParseAddr(host)
	if err != nil {
		return reachUnknown
	}
	ip = ip.Unmap().WithZone("")
	switch {
	case ip.IsUnspecified():
		return reachAll
	case ip.IsLoopback():
		return reachLoopback
	}
	for _, p := range internalNets {
		if p.Contains(ip) {
			return reachInternal
		}
	}
	return reachPublic
}

// splitAddr splits a "host:port" address; ok is false if addr has no port.
func splitAddr(addr string) (host, port string, ok bool) {
	host, port, err := net.SplitHostPort(addr)
	return host, port, err == nil
}

// splitHost splits an address that may be a bare host ("0.0.0.0", "::1")
// or a "host:port" address, as memcached's -l and cacheserver's ListenAddrs
// accept both.
func splitHost(addr string) (host, port string) {
	if h, p, ok := splitAddr(addr); ok {
		return h, p
	}
	return strings.TrimSuffix(strings.TrimPrefix(addr, "["), "]"), ""
}

// isIPv6 reports whether host is an IPv6 address.
func isIPv6(host string) bool {
	ip, err := netip.ParseAddr(strings.TrimSuffix(strings.TrimPrefix(host, "["), "]"))
	return err == nil && ip.Is6() && !ip.Is4In6()
}

// loopbackFor returns the loopback host of host's address family.
func loopbackFor(host string) string {
	if isIPv6(host) {
		return "::1"
	}
	return "127.0.0.1"
}

// portSet is the value of the -ports flag: the ports that are cache ports.
type portSet map[string]bool

func (s *portSet) String() string {
	var ports []int
	for p := range *s {
		n, _ := strconv.Atoi(p)
		ports = append(ports, n)
	}
	slices.Sort(ports)
	var out []string
	for _, p := range ports {
		out = append(out, strconv.Itoa(p))
	}
	return strings.Join(out, ",")
}

func (s *portSet) Set(v string) error {
	m := make(portSet)
	for _, f := range strings.Split(v, ",") {
		if f = strings.TrimSpace(f); f == "" {
			continue
		}
		n, err := strconv.ParseUint(f, 10, 16)
		if err != nil || n == 0 {
			return &net.AddrError{Err: "invalid cache port", Addr: f}
		}
		m[strconv.FormatUint(n, 10)] = true
	}
	*s = m
	return nil
}

// has reports whether port, a number or a service name, is a cache port.
func (s portSet) has(port string) bool {
	for _, n := range model.PortNames {
		if strings.EqualFold(port, n.Name) {
			port = n.Port
		}
	}
	n, err := strconv.ParseUint(port, 10, 16)
	return err == nil && s[strconv.FormatUint(n, 10)]
}
