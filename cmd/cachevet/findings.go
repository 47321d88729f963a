package main

import (
	"go/token"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/checker"
)

// A reported finding is one diagnostic of a root action.
type reported struct {
	analyzer *analysis.Analyzer
	fset     *token.FileSet
	diag     analysis.Diagnostic
}

// rootFindings returns the diagnostics of the root actions that ran,
// each once: a file of both p and p.test is analyzed twice, and its
// findings would otherwise be reported twice (the stock text and JSON
// printers deduplicate the same way).
func rootFindings(roots []*checker.Action) []reported {
	type key struct {
		pos, end token.Position
		analyzer string
		message  string
	}
	seen := map[key]bool{}
	var out []reported
	for _, act := range roots {
		if !act.IsRoot || act.Err != nil {
			continue
		}
		fset := act.Package.Fset
		for _, d := range act.Diagnostics {
			k := key{fset.Position(d.Pos), fset.Position(d.End), act.Analyzer.Name, d.Message}
			if seen[k] {
				continue
			}
			seen[k] = true
			out = append(out, reported{act.Analyzer, fset, d})
		}
	}
	return out
}
