// Package suppress implements the //cachevet:ignore directive shared by
// every cachevet analyzer:
//
//	//cachevet:ignore keyinjection the id is validated by the router
//	v, err := mc.Get(id)
//
// A directive silences the named analyzers (comma separated) on its own
// line and on the line below. It must give a reason: a directive without
// one is itself reported, so that suppressions stay reviewable.
package suppress

import (
	"go/ast"
	"go/token"
	"slices"
	"strings"

	"golang.org/x/tools/go/analysis"
)

const prefix = "//cachevet:ignore"

type directive struct {
	analyzers []string
	reason    string
	pos       token.Pos
}

type lineKey struct {
	file string
	line int
}

// Reporter reports an analyzer's diagnostics unless a directive silences them.
type Reporter struct {
	pass     *analysis.Pass
	analyzer string
	byLine   map[lineKey][]directive
}

// NewReporter indexes the directives of the pass's files and reports those
// naming this analyzer without a reason.
func NewReporter(pass *analysis.Pass) *Reporter {
	r := &Reporter{pass: pass, analyzer: pass.Analyzer.Name, byLine: make(map[lineKey][]directive)}
	for _, f := range pass.Files {
		for _, cg := range f.Comments {
			for _, c := range cg.List {
				r.add(c)
			}
		}
	}
	return r
}

func (r *Reporter) add(c *ast.Comment) {
	text, ok := strings.CutPrefix(c.Text, prefix)
	if !ok || text != "" && text[0] != ' ' && text[0] != '\t' {
		return
	}
	// A trailing comment is not part of the reason.
	if i := strings.Index(text, "//"); i >= 0 {
		text = text[:i]
	}
	fields := strings.Fields(text)
	d := directive{pos: c.Pos()}
	if len(fields) > 0 {
		d.analyzers = strings.Split(fields[0], ",")
		d.reason = strings.Join(fields[1:], " ")
	}
	if !slices.Contains(d.analyzers, r.analyzer) {
		return
	}
	if d.reason == "" {
		r.pass.Report(analysis.Diagnostic{
			Pos:      c.Pos(),
			End:      c.End(),
			Category: r.analyzer,
			Message:  "//cachevet:ignore " + r.analyzer + " needs a reason after the analyzer name, so that reviewers can judge the suppression",
		})
	}
	p := r.pass.Fset.Position(c.Pos())
	k := lineKey{p.Filename, p.Line}
	r.byLine[k] = append(r.byLine[k], d)
}

// Suppressed reports whether a directive silences a diagnostic at pos.
func (r *Reporter) Suppressed(pos token.Pos) bool {
	p := r.pass.Fset.Position(pos)
	for _, line := range []int{p.Line, p.Line - 1} {
		if len(r.byLine[lineKey{p.Filename, line}]) > 0 {
			return true
		}
	}
	return false
}

// Report reports d unless it is suppressed.
func (r *Reporter) Report(d analysis.Diagnostic) {
	if !r.Suppressed(d.Pos) {
		r.pass.Report(d)
	}
}
