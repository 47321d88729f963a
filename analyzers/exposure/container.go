package exposure

import (
	"go/ast"
	"path"
	"strconv"

	"github.com/cachevet/cachevet/analyzers/internal/exposed"
	"github.com/cachevet/cachevet/analyzers/internal/model"
	"golang.org/x/tools/go/analysis"
)

// containerRun checks a command that runs a container runtime (docker,
// podman, nerdctl), with exposed.JudgeContainerRun: a cache port
// published on every host interface, -P on a memcached image, memcached
// in the host's network.
func (c *checker) containerRun(call *ast.CallExpr, l model.Launcher, prog string) {
	runtime := path.Base(prog)
	isCache := func(p int) bool { return ports.has(strconv.Itoa(p)) }
	seen := make(map[string]bool)
	for _, alt := range c.commandLists(call, l.Args) {
		in := make([]exposed.Arg, len(alt.elems))
		for i, e := range alt.elems {
			in[i] = exposed.Arg{Val: e.val, Known: e.exposedValue()}
		}
		run, ok := exposed.ParseContainerRun(in, alt.complete)
		if !ok {
			continue
		}
		for _, f := range exposed.JudgeContainerRun(run, runtime, isCache) {
			note, at := alt.note(f.Arg)
			msg := f.Message + parenNote(argNote(note))
			if seen[msg] {
				continue
			}
			seen[msg] = true
			from := alt.elems[f.Arg].expr
			var fix *analysis.SuggestedFix
			if lit, ok := stringLit(from); ok && f.Replacement != "" {
				fix = replaceFix("Bind to loopback", lit, quote(f.Replacement))
			}
			where := ast.Node(call)
			if from != nil {
				where = site(call, from)
			}
			c.reportDef(where, msg, fix, note, at)
		}
	}
}
