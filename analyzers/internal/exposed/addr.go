// Package exposed holds the judgement shared by the exposure analyzer and
// the deployment-file checker: how far an address reaches, and what a
// memcached command line exposes.
package exposed

import (
	"net"
	"net/netip"
	"slices"
	"strings"

	"github.com/cachevet/cachevet/analyzers/internal/model"
)

// Reach says how far a host a server binds to, or a client connects to,
// can be reached from.
type Reach uint8

const (
	ReachUnknown  Reach = iota // a host name, not judged
	ReachAll                   // every interface: "", 0.0.0.0, ::
	ReachLoopback              // this host only
	ReachInternal              // a private network (RFC 1918, CGNAT, link-local, ULA)
	ReachPublic                // the internet
)

// internalNets are model.InternalNets, parsed once; never modified.
var internalNets = func() []netip.Prefix {
	out := make([]netip.Prefix, len(model.InternalNets))
	for i, s := range model.InternalNets {
		out[i] = netip.MustParsePrefix(s)
	}
	return out
}()

// Classify says how far host reaches. host may be bracketed ("[::]") and
// may carry an IPv6 zone.
func Classify(host string) Reach {
	host = strings.TrimSuffix(strings.TrimPrefix(host, "["), "]")
	if host == "" {
		return ReachAll
	}
	if slices.Contains(model.LoopbackHosts, strings.ToLower(host)) {
		return ReachLoopback
	}
	ip, err := netip.ParseAddr(host)
	if err != nil {
		return ReachUnknown
	}
	ip = ip.Unmap().WithZone("")
	switch {
	case ip.IsUnspecified():
		return ReachAll
	case ip.IsLoopback():
		return ReachLoopback
	}
	for _, p := range internalNets {
		if p.Contains(ip) {
			return ReachInternal
		}
	}
	return ReachPublic
}

// SplitAddr splits a "host:port" address; ok is false if addr has no port.
func SplitAddr(addr string) (host, port string, ok bool) {
	host, port, err := net.SplitHostPort(addr)
	return host, port, err == nil
}

// SplitHost splits an address that may be a bare host ("0.0.0.0", "::1")
// or a "host:port" address, as memcached's -l and cacheserver's ListenAddrs
// accept both.
func SplitHost(addr string) (host, port string) {
	if h, p, ok := SplitAddr(addr); ok {
		return h, p
	}
	return strings.TrimSuffix(strings.TrimPrefix(addr, "["), "]"), ""
}

// IsIPv6 reports whether host is an IPv6 address.
func IsIPv6(host string) bool {
	ip, err := netip.ParseAddr(strings.TrimSuffix(strings.TrimPrefix(host, "["), "]"))
	return err == nil && ip.Is6() && !ip.Is4In6()
}

// LoopbackFor returns the loopback host of host's address family.
func LoopbackFor(host string) string {
	if IsIPv6(host) {
		return "::1"
	}
	return "127.0.0.1"
}
