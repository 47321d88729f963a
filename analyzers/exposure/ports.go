package exposure

import (
	"net"
	"slices"
	"strconv"
	"strings"

	"github.com/cachevet/cachevet/analyzers/internal/model"
)

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

// CachePorts returns the ports of the -ports flag, in order: the
// deployment-file checker judges the same ports.
func CachePorts() []int {
	var out []int
	for p := range ports {
		n, _ := strconv.Atoi(p)
		out = append(out, n)
	}
	slices.Sort(out)
	return out
}
