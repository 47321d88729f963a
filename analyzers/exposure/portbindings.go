package exposure

import (
	"go/ast"
	"strconv"
	"strings"

	"github.com/cachevet/cachevet/analyzers/internal/exposed"
	"github.com/cachevet/cachevet/analyzers/internal/model"
	"golang.org/x/tools/go/analysis"
)

// portBindings checks a port map of a container SDK written as a literal,
// such as docker's HostConfig.PortBindings:
//
//	nat.PortMap{"11211/tcp": {{HostIP: "", HostPort: "11211"}}}
//
// publishes memcached on every host interface.
func (c *checker) portBindings(lit *ast.CompositeLit) {
	name := typeName(c.pass.TypesInfo.TypeOf(lit))
	for _, m := range model.PortBindingMaps {
		if m.Map == name {
			c.portMap(lit, m)
		}
	}
}

func (c *checker) portMap(lit *ast.CompositeLit, m model.PortBindingMap) {
	isCache := func(p int) bool { return ports.has(strconv.Itoa(p)) }
	for _, elt := range lit.Elts {
		kv, ok := elt.(*ast.KeyValueExpr)
		if !ok {
			continue
		}
		key, ok := c.eval().str(kv.Key)
		if !ok {
			continue
		}
		port, proto, _ := strings.Cut(key, "/")
		if !exposed.PortIn(port, isCache) {
			continue
		}
		bindings, ok := ast.Unparen(kv.Value).(*ast.CompositeLit)
		if !ok {
			continue
		}
		for _, b := range bindings.Elts {
			if u, ok := b.(*ast.UnaryExpr); ok {
				b = u.X
			}
			if bl, ok := b.(*ast.CompositeLit); ok {
				c.portBinding(bl, m, key, proto)
			}
		}
	}
}

// portBinding judges one binding's host IP: absent, "" and 0.0.0.0 are
// every host interface.
func (c *checker) portBinding(b *ast.CompositeLit, m model.PortBindingMap, key, proto string) {
	host := litField(b, m.HostIP)
	defs := []def{constDef("")}
	if host != nil {
		defs = c.reachingDefs(host)
	}
	for _, d := range defs {
		if !d.exposedValue() {
			continue
		}
		var where string
		switch exposed.Classify(d.val) {
		case exposed.ReachAll:
			where = "on every host interface"
		case exposed.ReachPublic:
			where = "on a public address"
		default:
			continue
		}
		risk := exposed.NoAuth + exposed.DumpRisk("the host's port")
		if proto == "udp" {
			risk = exposed.AmpRisk
		}
		msg := m.Short + " publishes cache port " + key + " " + where + " (" + m.HostIP + " " + quote(d.val) + parenNote(d.note()) + "): " + risk + "; set " + m.HostIP + `: "127.0.0.1"` + " or reach the cache over a container network"
		var fix *analysis.SuggestedFix
		if exposed.Classify(d.val) == exposed.ReachAll {
			if host == nil {
				text := m.HostIP + `: "127.0.0.1"`
				if len(b.Elts) > 0 {
					text += ", "
				}
				fix = &analysis.SuggestedFix{Message: "Publish on loopback only", TextEdits: []analysis.TextEdit{{Pos: b.Lbrace + 1, End: b.Lbrace + 1, NewText: []byte(text)}}}
			} else if lit, ok := stringLit(host); ok {
				fix = replaceFix("Publish on loopback only", lit, quote("127.0.0.1"))
			}
		}
		c.reportDef(b, msg, fix, d.note(), d.at)
	}
}
