package deploy

import (
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/cachevet/cachevet/analyzers/internal/exposed"
	"gopkg.in/yaml.v3"
)

// composeVar matches Compose's interpolations: $$, $VAR, ${VAR} and
// ${VAR<op>default} with op one of :- - :? ? :+ +.
var composeVar = regexp.MustCompile(`\$(\$|[A-Za-z_][A-Za-z0-9_]*|\{[A-Za-z_][A-Za-z0-9_]*(?:(:?[-?+])([^}]*))?\})`)

// composeExpand interpolates a Compose value the way it reads without
// an environment: $$ is a $, ${VAR:-default} and ${VAR-default} are their
// default; any other reference makes the value unknown (it depends on
// the environment or the .env file where it runs).
func composeExpand(v string) (string, bool) {
	known := true
	out := composeVar.ReplaceAllStringFunc(v, func(m string) string {
		sub := composeVar.FindStringSubmatch(m)
		switch {
		case sub[1] == "$":
			return "$"
		case sub[2] == ":-" || sub[2] == "-":
			return sub[3]
		}
		known = false
		return m
	})
	return out, known
}

// checkCompose judges the services of a Compose file: the memcached
// command of each (command and entrypoint over its image) and the cache
// ports it publishes.
func (s *source) checkCompose(doc *yaml.Node) {
	services := get(doc, "services")
	if services == nil || services.Kind != yaml.MappingNode {
		return
	}
	for i := 0; i+1 < len(services.Content); i += 2 {
		name, svc := services.Content[i].Value, services.Content[i+1]
		image, _ := composeExpand(str(get(svc, "image")))
		cmdNode, epNode := get(svc, "command"), get(svc, "entrypoint")
		ep := s.commandWords(epNode, true, composeExpand)
		cmd := s.commandWords(cmdNode, true, composeExpand)
		// The arguments end in the command, or in the entrypoint without
		// one: -l is added there.
		at, words := cmdNode, cmd
		if cmdNode == nil {
			at, words = epNode, ep
		}
		if args, ok := memcachedArgs(image, ep, cmd); ok && at != nil {
			// A string is reported where it is, a list at the service's name.
			start, end := s.span(at, false)
			if key := services.Content[i]; at.Kind != yaml.ScalarNode {
				start, _ = s.span(key, false)
				end = start + len(name)
			}
			s.judge(command{args: args, complete: true, start: start, end: end, addListen: s.appendListen(at, words)})
		}
		for _, p := range items(get(svc, "ports")) {
			s.composePort(name, p)
		}
	}
}

// composePort judges one entry of a service's ports: the short syntax
// [[HOST_IP:]HOST_PORT:]CONTAINER_PORT[/PROTOCOL] or the long syntax's
// target, published and host_ip.
func (s *source) composePort(service string, p *yaml.Node) {
	var hostIP, container, at string
	var node *yaml.Node
	short := p.Kind == yaml.ScalarNode
	if short {
		v, ok := composeExpand(p.Value)
		if !ok {
			return
		}
		v, _, _ = strings.Cut(v, "/")
		parts := exposed.SplitPortSpec(v)
		container = parts[len(parts)-1]
		if len(parts) == 3 {
			hostIP = parts[0]
		}
		node, at = p, v
	} else {
		container = str(get(p, "target"))
		hostIP = str(get(p, "host_ip"))
		node, at = get(p, "target"), "target: "+container
		if node == nil {
			return
		}
	}
	if !cachePortIn(container) {
		return
	}
	var what string
	switch exposed.Classify(hostIP) {
	case exposed.ReachAll:
		what = "on every host interface"
	case exposed.ReachPublic:
		what = "on a public address"
	default:
		return
	}
	start, end := s.span(node, false)
	advice := "set host_ip: 127.0.0.1"
	var fix *Fix
	if short && !strings.Contains(p.Value, "$") {
		fixed := "127.0.0.1:" + strings.TrimPrefix(p.Value, hostIP+":")
		if parts := exposed.SplitPortSpec(at); len(parts) == 1 {
			fixed = "127.0.0.1::" + p.Value // Docker's ip::container: a random host port on loopback
		}
		text := strconv.Quote(fixed)
		if p.Style == yaml.SingleQuotedStyle {
			text = "'" + fixed + "'"
		}
		fix = replaceFix("Publish on loopback only", start, end, text)
		advice = "bind it to 127.0.0.1 (" + strconv.Quote(fixed) + ")"
	}
	msg := "Compose service " + strconv.Quote(service) + " publishes cache port " + container + " " + what + " (" + strconv.Quote(at) + "): " +
		exposed.NoAuth + exposed.DumpRisk("the host's port") + "; " + advice + " or publish no port and reach the cache over the Compose network"
	s.report(start, end, msg, fix)
}

// cachePortIn reports whether a port or a port range ("11211-11213")
// holds a cache port.
func cachePortIn(spec string) bool { return exposed.PortIn(spec, isCachePort) }

// CachePorts are the ports that serve a cache. The driver sets them to
// the exposure analyzer's -ports; by default they are memcached's 11211.
var CachePorts = []int{11211}

func isCachePort(p int) bool { return slices.Contains(CachePorts, p) }
