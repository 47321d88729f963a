package exposed

import (
	"strconv"
	"strings"
)

// The port mappings of containers, shared by the deployment files
// (Compose's ports, docker's -p in a script) and the commands a Go program
// runs (exec.Command("docker", "run", "-p", ...)).

// SplitPortSpec splits a port mapping [[HOST_IP:]HOST_PORT:]CONTAINER_PORT
// at its colons, keeping a bracketed IPv6 host ("[::1]:11211:11211") whole.
func SplitPortSpec(v string) []string {
	if strings.HasPrefix(v, "[") {
		if i := strings.Index(v, "]:"); i >= 0 {
			return append([]string{v[1:i]}, strings.Split(v[i+2:], ":")...)
		}
	}
	if strings.Count(v, ":") > 2 { // an unbracketed IPv6 host
		i := strings.LastIndex(v[:strings.LastIndex(v, ":")], ":")
		return []string{v[:i], v[i+1 : strings.LastIndex(v, ":")], v[strings.LastIndex(v, ":")+1:]}
	}
	return strings.Split(v, ":")
}

// PortMapping is a parsed port mapping.
type PortMapping struct {
	HostIP    string // "" when the mapping names none: every interface
	HostPort  string // "" for a port the runtime picks
	Container string // a port or a range ("11211-11213")
	Protocol  string // "tcp" unless the mapping says /udp or /sctp
}

// ParsePortMapping parses [[HOST_IP:]HOST_PORT:]CONTAINER_PORT[/PROTOCOL].
func ParsePortMapping(v string) PortMapping {
	v, proto, _ := strings.Cut(v, "/")
	if proto == "" {
		proto = "tcp"
	}
	parts := SplitPortSpec(v)
	m := PortMapping{Container: parts[len(parts)-1], Protocol: strings.ToLower(proto)}
	if len(parts) >= 2 {
		m.HostPort = parts[len(parts)-2]
	}
	if len(parts) >= 3 {
		m.HostIP = parts[0]
	}
	return m
}

// PortIn reports whether a port or a port range ("11211-11213") holds a
// port that isCache accepts.
func PortIn(spec string, isCache func(port int) bool) bool {
	lo, hi, isRange := strings.Cut(spec, "-")
	if !isRange {
		hi = lo
	}
	a, err1 := strconv.Atoi(lo)
	b, err2 := strconv.Atoi(hi)
	if err1 != nil || err2 != nil || b-a > 65535 {
		return false
	}
	for p := a; p <= b; p++ {
		if isCache(p) {
			return true
		}
	}
	return false
}

// IsMemcachedImage reports whether an image reference names a memcached
// image: memcached, memcached:1.6-alpine, bitnami/memcached@sha256:...
func IsMemcachedImage(ref string) bool {
	if i := strings.LastIndexByte(ref, '/'); i >= 0 {
		ref = ref[i+1:]
	}
	if i := strings.IndexAny(ref, ":@"); i >= 0 {
		ref = ref[:i]
	}
	return ref == "memcached"
}
