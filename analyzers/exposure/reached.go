package exposure

import (
	"go/ast"
	"go/build"
	"go/constant"
	"go/token"
	"go/types"
	"path/filepath"
	"slices"
	"strings"

	"github.com/cachevet/cachevet/analyzers/internal/model"
	"golang.org/x/tools/go/analysis"
)

// The checks first evaluate an address or an argument list as a constant
// (eval.go), which keeps the literal a fix rewrites. Where that fails, the
// resolver gives every definition that reaches the use on SSA, and each
// one a check judges is named in the message with how it gets there: the
// branch that chooses it, the flag whose default it is, the helper that
// returns it.

// resolve returns the package's resolver, built on first use.
func (c *checker) resolve() *resolver {
	if c.res == nil {
		c.res = newResolver(c.pass, c.pass.Files, true)
	}
	return c.res
}

// summarizes reports whether the package's helpers are summarized for
// other packages: the user's own code (not the standard library, not a
// versioned dependency) that declares a function returning a string, in
// a package another can import (not a command, not an external test).
func summarizes(pass *analysis.Pass) bool {
	if inGOROOT(pass) || (pass.Module != nil && pass.Module.Version != "") {
		return false
	}
	if name := pass.Pkg.Name(); name == "main" || strings.HasSuffix(name, "_test") {
		return false
	}
	for _, f := range pass.Files {
		for _, decl := range f.Decls {
			fd, ok := decl.(*ast.FuncDecl)
			if !ok || fd.Body == nil {
				continue
			}
			if fn, ok := pass.TypesInfo.Defs[fd.Name].(*types.Func); ok && returnsString(fn.Signature()) {
				return true
			}
		}
	}
	return false
}

// inGOROOT reports whether the package is the standard library's.
func inGOROOT(pass *analysis.Pass) bool {
	if len(pass.Files) == 0 {
		return true
	}
	file := pass.Fset.File(pass.Files[0].Pos())
	goroot := filepath.Join(build.Default.GOROOT, "src") + string(filepath.Separator)
	return file != nil && strings.HasPrefix(file.Name(), goroot)
}

func returnsString(sig *types.Signature) bool {
	for i := range sig.Results().Len() {
		if isString(sig.Results().At(i).Type()) {
			return true
		}
	}
	return false
}

// exportSummaries exports what the package's functions return. With the
// SSA form the checks built, that costs little; without it, only the
// functions in summaryScope are read: in the SSA form the flow engine
// built, or else built alone. Both find the same, since the resolver
// reads the bodies the stripped files have and no other.
func (c *checker) exportSummaries() {
	r := c.res
	if r == nil {
		keep := summaryScope(c.pass)
		if keep == nil {
			return
		}
		files := stripped(c.pass.Files, keep)
		if c.built != nil {
			r = resolverOver(c.pass, c.built, files)
		} else {
			r = newResolver(c.pass, files, false) // no expression is looked up
		}
	}
	for _, fn := range r.funcs {
		obj, ok := fn.Object().(*types.Func)
		if !ok || fn.Parent() != nil || fn.Origin() != nil {
			continue
		}
		if s := r.summary(fn); s != nil {
			c.pass.ExportObjectFact(obj, &returnsFact{Results: s})
		}
	}
}

// reachingDefs returns the definitions of the string expression e: its
// constant value if it has one, or else those the resolver finds.
func (c *checker) reachingDefs(e ast.Expr) []def {
	if s, ok := c.eval().str(e); ok {
		d := constDef(s)
		if name, _, isFlag := c.eval().flagDefault(e); isFlag {
			d = d.with("the default of flag -"+name, token.NoPos)
		}
		return []def{d}
	}
	return c.resolve().exprDefs(e)
}

// reachingLists returns the lists the []string expression e may hold:
// the evaluator's if it knows every element, or else the resolver's.
func (c *checker) reachingLists(e ast.Expr) []listDef {
	if vals, ok := c.eval().list(e, 0).strings(); ok {
		return []listDef{constList(vals)}
	}
	return c.resolve().exprLists(e)
}

func constList(vals []string) listDef {
	l := listDef{complete: true}
	for _, v := range vals {
		l.elems = append(l.elems, constDef(v))
	}
	return l
}

// argLists returns the lists the variadic arguments of call from index i
// on may hold.
func (c *checker) argLists(call *ast.CallExpr, i int) []listDef {
	if i > len(call.Args) {
		return unknownLists()
	}
	if call.Ellipsis.IsValid() {
		if i != len(call.Args)-1 {
			return unknownLists()
		}
		return c.reachingLists(call.Args[i])
	}
	alts := []listDef{{complete: true}}
	for _, a := range call.Args[i:] {
		alts = appendElems(alts, c.reachingDefs(a))
	}
	return alts
}

// commandLists returns the argument lists of a command from argument i
// on: the evaluator's if it knows every one (each with its expression,
// for fixes), or else every list the resolver finds.
func (c *checker) commandLists(call *ast.CallExpr, i int) []listDef {
	args := c.eval().args(call, i)
	if _, known := args.strings(); !known {
		return c.argLists(call, i)
	}
	l := listDef{complete: true}
	for _, e := range args.elems {
		d := constDef(e.val)
		d.expr = e.expr
		l.elems = append(l.elems, d)
	}
	return []listDef{l}
}

// flatten returns every element of every list, once per value.
func flatten(lists []listDef) []def {
	var out []def
	for _, l := range lists {
		for i, e := range l.elems {
			note, at := l.note(i)
			e.how, e.at = nil, token.NoPos
			if note != "" {
				e = e.with(note, at)
			}
			out = appendDef(out, e)
		}
	}
	return out
}

// reportDef reports msg, about a value that reached the use as d says,
// at a node of the use; the definition is related information.
func (c *checker) reportDef(at ast.Node, msg string, fix *analysis.SuggestedFix, note string, pos token.Pos) {
	d := analysis.Diagnostic{Pos: at.Pos(), End: at.End(), Category: "exposure", Message: msg}
	if fix != nil {
		d.SuggestedFixes = []analysis.SuggestedFix{*fix}
	}
	if note != "" {
		where := pos
		if !where.IsValid() {
			where = at.Pos()
		}
		d.Related = []analysis.RelatedInformation{{Pos: where, Message: "the value is " + note}}
	}
	c.reporter.Report(d)
}

// parenNote returns " (note)", or nothing for an empty note.
func parenNote(note string) string {
	if note == "" {
		return ""
	}
	return " (" + note + ")"
}

// mayHoldPort reports whether a value the resolver can find may name a
// cache port. Every value it finds is made of constants (of the package,
// of the packages it imports) and of what imported helpers' summaries
// return, so a cache port no constant and no summary holds, as digits or
// as a service name, cannot reach a listener: the package's SSA form is
// then not built for listeners whose address is not constant, which the
// standard library's servers all are.
func (c *checker) mayHoldPort() bool {
	if c.portSeen != nil {
		return *c.portSeen
	}
	var marks []string
	for p := range ports {
		marks = append(marks, p)
	}
	for _, n := range model.PortNames {
		if ports[n.Port] {
			marks = append(marks, n.Name)
		}
	}
	holds := func(s string) bool {
		for _, m := range marks {
			if len(s) >= len(m) && strings.Contains(strings.ToLower(s), m) {
				return true
			}
		}
		return false
	}
	seen := false
	for _, tv := range c.pass.TypesInfo.Types {
		if tv.Value == nil {
			continue
		}
		switch tv.Value.Kind() {
		case constant.String:
			seen = holds(constant.StringVal(tv.Value))
		case constant.Int:
			seen = holds(tv.Value.ExactString())
		}
		if seen {
			break
		}
	}
	for _, f := range c.pass.AllObjectFacts() {
		if seen {
			break
		}
		if rf, ok := f.Fact.(*returnsFact); ok {
			for _, r := range rf.Results {
				seen = seen || slices.ContainsFunc(r.Consts, holds)
			}
		}
	}
	c.portSeen = &seen
	return seen
}
