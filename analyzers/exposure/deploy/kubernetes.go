package deploy

import (
	"net/netip"
	"strconv"
	"strings"

	"github.com/cachevet/cachevet/analyzers/internal/exposed"
	"gopkg.in/yaml.v3"
)

// podSpecPaths are where the pod template of each workload kind is.
var podSpecPaths = map[string][]string{
	"Pod":                   {"spec"},
	"Deployment":            {"spec", "template", "spec"},
	"StatefulSet":           {"spec", "template", "spec"},
	"DaemonSet":             {"spec", "template", "spec"},
	"ReplicaSet":            {"spec", "template", "spec"},
	"ReplicationController": {"spec", "template", "spec"},
	"Job":                   {"spec", "template", "spec"},
	"CronJob":               {"spec", "jobTemplate", "spec", "template", "spec"},
}

// internalLBAnnotations make a LoadBalancer Service internal to the
// cloud network on AWS, Google Cloud and Azure.
var internalLBAnnotations = map[string]string{
	"service.beta.kubernetes.io/aws-load-balancer-internal":   "true",
	"service.beta.kubernetes.io/aws-load-balancer-scheme":     "internal",
	"networking.gke.io/load-balancer-type":                    "Internal",
	"cloud.google.com/load-balancer-type":                     "Internal",
	"service.beta.kubernetes.io/azure-load-balancer-internal": "true",
}

// k8sExpand resolves $(VAR), Kubernetes' references to environment
// variables in command and args: unknown here, except $$ for a $.
func k8sExpand(v string) (string, bool) {
	rest := strings.ReplaceAll(v, "$$", "")
	if strings.Contains(rest, "$(") {
		return v, false
	}
	return strings.ReplaceAll(v, "$$", "$"), true
}

// checkKubernetes judges one Kubernetes object: the memcached containers
// of a workload and their host ports, or a Service.
func (s *source) checkKubernetes(doc *yaml.Node) {
	kind := str(get(doc, "kind"))
	if kind == "Service" {
		s.service(doc)
		return
	}
	p, ok := podSpecPaths[kind]
	if !ok {
		return
	}
	spec := path(doc, p...)
	for _, key := range []string{"initContainers", "containers"} {
		for _, c := range items(get(spec, key)) {
			s.container(kind+" "+strconv.Quote(str(path(doc, "metadata", "name"))), c)
		}
	}
}

// container judges a container: command over the image's entrypoint and
// args over its command, as Kubernetes runs them; and host ports.
func (s *source) container(owner string, c *yaml.Node) {
	cmdNode, argsNode := get(c, "command"), get(c, "args")
	ep := s.commandWords(cmdNode, false, k8sExpand)
	args := s.commandWords(argsNode, false, k8sExpand)
	if mc, ok := memcachedArgs(str(get(c, "image")), ep, args); ok {
		at, words := argsNode, args
		if len(args) == 0 {
			at, words = cmdNode, ep
		}
		// Reported at the container's name.
		name := get(c, "name")
		if name == nil {
			name = c
		}
		start, end := s.span(name, false)
		s.judge(command{args: mc, complete: true, start: start, end: end, addListen: s.appendListen(at, words)})
	}
	for _, p := range items(get(c, "ports")) {
		port, host := get(p, "containerPort"), get(p, "hostPort")
		if port == nil || host == nil || !cachePortIn(port.Value) {
			continue
		}
		if r := exposed.Classify(str(get(p, "hostIP"))); r != exposed.ReachAll && r != exposed.ReachPublic {
			continue
		}
		start, end := s.span(host, false)
		s.report(start, end, owner+" container "+strconv.Quote(str(get(c, "name")))+" maps cache port "+port.Value+" to hostPort "+host.Value+
			" on every interface of the node: "+exposed.NoAuth+exposed.DumpRisk("the node's port")+
			"; remove hostPort and reach the cache through a ClusterIP Service, or set hostIP to a private address", nil)
	}
}

// service judges a Service that makes a cache port reachable from outside
// the cluster: type LoadBalancer (unless internal or limited to private
// loadBalancerSourceRanges) or NodePort.
func (s *source) service(doc *yaml.Node) {
	spec := get(doc, "spec")
	typ := get(spec, "type")
	if typ == nil || typ.Value != "LoadBalancer" && typ.Value != "NodePort" {
		return
	}
	var port string
	for _, p := range items(get(spec, "ports")) {
		for _, k := range []string{"port", "targetPort"} {
			if v := str(get(p, k)); cachePortIn(v) && port == "" {
				port = v
			}
		}
	}
	if port == "" {
		return
	}
	if typ.Value == "LoadBalancer" {
		ann := path(doc, "metadata", "annotations")
		for k, v := range internalLBAnnotations {
			if strings.EqualFold(str(get(ann, k)), v) {
				return
			}
		}
		if ranges := items(get(spec, "loadBalancerSourceRanges")); len(ranges) > 0 && allInternal(ranges) {
			return
		}
	}
	start, end := s.span(typ, false)
	name := strconv.Quote(str(path(doc, "metadata", "name")))
	s.report(start, end, "Service "+name+" of type "+typ.Value+" exposes cache port "+port+" outside the cluster: "+
		exposed.NoAuth+exposed.DumpRisk("it")+"; use type ClusterIP, or an internal load balancer, or loadBalancerSourceRanges of private networks", nil)
}

// allInternal reports whether every CIDR of ranges is a private network.
func allInternal(ranges []*yaml.Node) bool {
	for _, r := range ranges {
		if !internalCIDR(r.Value) {
			return false
		}
	}
	return true
}

// internalCIDR reports whether a CIDR is within loopback or a private
// network, by exposed.Classify of its first address and its size: 0.0.0.0/0
// and ::/0 are the world.
func internalCIDR(cidr string) bool {
	p, err := netip.ParsePrefix(strings.TrimSpace(cidr))
	if err != nil {
		return false
	}
	p = p.Masked()
	last := lastAddr(p)
	for _, a := range []netip.Addr{p.Addr(), last} {
		if r := exposed.Classify(a.String()); r != exposed.ReachLoopback && r != exposed.ReachInternal {
			return false
		}
	}
	return true
}

// lastAddr returns the last address of a prefix.
func lastAddr(p netip.Prefix) netip.Addr {
	b := p.Addr().AsSlice()
	for i := range b {
		bits := p.Bits() - i*8
		switch {
		case bits <= 0:
			b[i] = 0xff
		case bits < 8:
			b[i] |= 0xff >> bits
		}
	}
	a, _ := netip.AddrFromSlice(b)
	return a
}
