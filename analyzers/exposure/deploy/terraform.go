package deploy

import (
	"strconv"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/zclconf/go-cty/cty"
)

// firewallRule is an inbound rule of a cloud firewall, as far as its
// attributes are literal values.
type firewallRule struct {
	resource string // "aws_security_group \"cache\""
	// ports says whether the rule admits a port.
	ports func(port int) bool
	// sources are the attributes that hold the sources the rule admits.
	sources []*hclsyntax.Attribute
	// fixWords says how to narrow the rule.
	fixWords string
}

// checkTerraform judges the inbound rules of AWS security groups, Google
// Cloud firewalls and Azure network security groups in a Terraform file,
// parsed with HashiCorp's HCL parser. Only literal values are judged: a
// variable or a reference is not known here.
func (s *source) checkTerraform() error {
	f, diags := hclsyntax.ParseConfig(s.data, s.name, hcl.InitialPos)
	if diags.HasErrors() {
		return diags
	}
	body, ok := f.Body.(*hclsyntax.Body)
	if !ok {
		return nil
	}
	for _, b := range body.Blocks {
		if b.Type != "resource" || len(b.Labels) != 2 {
			continue
		}
		res := b.Labels[0] + " " + strconv.Quote(b.Labels[1])
		switch b.Labels[0] {
		case "aws_security_group":
			for _, in := range b.Body.Blocks {
				if in.Type == "ingress" {
					s.firewall(awsRule(res, in.Body, "from_port", "to_port", "protocol", "cidr_blocks", "ipv6_cidr_blocks"))
				}
			}
		case "aws_security_group_rule":
			if t, ok := literal(b.Body, "type"); ok && t.Type() == cty.String && t.AsString() == "ingress" {
				s.firewall(awsRule(res, b.Body, "from_port", "to_port", "protocol", "cidr_blocks", "ipv6_cidr_blocks"))
			}
		case "aws_vpc_security_group_ingress_rule":
			s.firewall(awsRule(res, b.Body, "from_port", "to_port", "ip_protocol", "cidr_ipv4", "cidr_ipv6"))
		case "google_compute_firewall":
			s.firewall(googleRule(res, b.Body))
		case "azurerm_network_security_rule":
			s.firewall(azureRule(res, b.Body))
		case "azurerm_network_security_group":
			for _, in := range b.Body.Blocks {
				if in.Type == "security_rule" {
					s.firewall(azureRule(res, in.Body))
				}
			}
		}
	}
	return nil
}

// literal returns the value of an attribute that needs no variables.
func literal(body *hclsyntax.Body, name string) (cty.Value, bool) {
	a, ok := body.Attributes[name]
	if !ok {
		return cty.NilVal, false
	}
	v, diags := a.Expr.Value(nil)
	if diags.HasErrors() || !v.IsWhollyKnown() || v.IsNull() {
		return cty.NilVal, false
	}
	return v, true
}

func literalString(body *hclsyntax.Body, name string) (string, bool) {
	v, ok := literal(body, name)
	if !ok {
		return "", false
	}
	switch v.Type() {
	case cty.String:
		return v.AsString(), true
	case cty.Number:
		return v.AsBigFloat().Text('f', -1), true
	}
	return "", false
}

// strings returns the strings of a literal list, or of a string.
func literalStrings(v cty.Value) []string {
	if v.Type() == cty.String {
		return []string{v.AsString()}
	}
	if !v.CanIterateElements() {
		return nil
	}
	var out []string
	for it := v.ElementIterator(); it.Next(); {
		_, e := it.Element()
		if e.Type() == cty.String && e.IsKnown() && !e.IsNull() {
			out = append(out, e.AsString())
		}
	}
	return out
}

// awsRule reads an AWS ingress rule: a port range and a protocol, where
// protocol -1 (or "all") admits every port.
func awsRule(res string, body *hclsyntax.Body, from, to, proto string, cidrs ...string) firewallRule {
	r := firewallRule{resource: res, fixWords: "limit it to the application's subnets or VPC CIDR, or admit the application's security group instead of a CIDR"}
	p, okP := literalString(body, proto)
	lo, ok1 := literalString(body, from)
	hi, ok2 := literalString(body, to)
	a, err1 := strconv.Atoi(lo)
	b, err2 := strconv.Atoi(hi)
	switch {
	case okP && (p == "-1" || strings.EqualFold(p, "all")):
		r.ports = func(int) bool { return true }
	case ok1 && ok2 && err1 == nil && err2 == nil:
		r.ports = func(port int) bool { return a <= port && port <= b }
	default:
		return r
	}
	for _, c := range cidrs {
		if a, ok := body.Attributes[c]; ok {
			r.sources = append(r.sources, a)
		}
	}
	return r
}

// googleRule reads a google_compute_firewall: INGRESS by default, its
// allow blocks' ports (every port without ports) and source_ranges.
func googleRule(res string, body *hclsyntax.Body) firewallRule {
	r := firewallRule{resource: res, fixWords: "limit source_ranges to the application's subnets, or use target and source tags or service accounts"}
	if d, ok := literalString(body, "direction"); ok && !strings.EqualFold(d, "INGRESS") {
		return r
	}
	var specs []string
	allowed := false
	for _, b := range body.Blocks {
		if b.Type != "allow" {
			continue
		}
		allowed = true
		v, ok := literal(b.Body, "ports")
		if !ok {
			specs = append(specs, "0-65535")
			continue
		}
		specs = append(specs, literalStrings(v)...)
	}
	if !allowed {
		return r
	}
	r.ports = func(port int) bool { return portInSpecs(specs, port) }
	if a, ok := body.Attributes["source_ranges"]; ok {
		r.sources = append(r.sources, a)
	}
	return r
}

// azureRule reads an Azure security rule: Inbound and Allow, with
// destination port ranges and source address prefixes.
func azureRule(res string, body *hclsyntax.Body) firewallRule {
	r := firewallRule{resource: res, fixWords: "limit the source address prefixes to the application's subnets or use application security groups"}
	d, ok1 := literalString(body, "direction")
	acc, ok2 := literalString(body, "access")
	if !ok1 || !ok2 || !strings.EqualFold(d, "Inbound") || !strings.EqualFold(acc, "Allow") {
		return r
	}
	var specs []string
	for _, name := range []string{"destination_port_range", "destination_port_ranges"} {
		if v, ok := literal(body, name); ok {
			specs = append(specs, literalStrings(v)...)
		}
	}
	r.ports = func(port int) bool { return portInSpecs(specs, port) }
	for _, name := range []string{"source_address_prefix", "source_address_prefixes"} {
		if a, ok := body.Attributes[name]; ok {
			r.sources = append(r.sources, a)
		}
	}
	return r
}

// portInSpecs reports whether port is one of specs: ports, ranges
// ("11000-12000") or "*".
func portInSpecs(specs []string, port int) bool {
	for _, sp := range specs {
		if sp == "*" {
			return true
		}
		lo, hi, isRange := strings.Cut(sp, "-")
		if !isRange {
			hi = lo
		}
		a, err1 := strconv.Atoi(strings.TrimSpace(lo))
		b, err2 := strconv.Atoi(strings.TrimSpace(hi))
		if err1 == nil && err2 == nil && a <= port && port <= b {
			return true
		}
	}
	return false
}

// worldSources are the source values that mean every address.
var worldSources = []string{"0.0.0.0/0", "::/0", "*", "Internet", "Any"}

// firewall reports a rule that admits the world to a cache port.
func (s *source) firewall(r firewallRule) {
	if r.ports == nil {
		return
	}
	port := ""
	for _, p := range CachePorts {
		if r.ports(p) {
			port = strconv.Itoa(p)
			break
		}
	}
	if port == "" {
		return
	}
	for _, a := range r.sources {
		v, diags := a.Expr.Value(nil)
		if diags.HasErrors() || !v.IsWhollyKnown() || v.IsNull() {
			continue
		}
		for _, src := range literalStrings(v) {
			if !isWorld(src) {
				continue
			}
			rng := a.SrcRange
			s.report(rng.Start.Byte, rng.End.Byte, r.resource+" admits "+strconv.Quote(src)+", every address, to cache port "+port+": "+
				"memcached has no authentication by default, so anyone on the internet can read and dump every key, and over UDP use it as a DDoS amplifier; "+r.fixWords, nil)
			break
		}
	}
}

func isWorld(src string) bool {
	for _, w := range worldSources {
		if strings.EqualFold(src, w) {
			return true
		}
	}
	return false
}
