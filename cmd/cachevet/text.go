package main

import (
	"cmp"
	"fmt"
	"go/token"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"sync"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/checker"
)

// The text output, as the Go ecosystem's linters print it (staticcheck,
// golangci-lint): one line per finding,
//
//	handlers.go:25:25: request data ... hash it (sha256, hex encoded), since escaping would not bound its length (keyinjection)
//
// ending with the analyzer that reported it, which is the name a
// //cachevet:ignore directive, an -ANALYZER=false flag or a golangci-lint
// setting takes; each related position on an indented line that says it
// is a note, so that grep for a file and line finds the findings apart
// from the places they refer to; paths relative to the working directory
// when they are below it. go vet mode does not come here: it prints as
// go vet prints.

// textPrinter prints findings and, with -c, the lines around them.
type textPrinter struct {
	w       io.Writer
	wd      string
	context int // lines of source around each position; -1 for none
}

// printText prints the analyzers' failures and the findings of the root
// actions with those of the deployment files (extra), sorted by position,
// and returns the findings printed.
func (p *textPrinter) printText(graph *checker.Graph, extra []reported) []reported {
	for act := range graph.All() {
		if act.Err != nil {
			fmt.Fprintf(p.w, "%s: %v\n", act.Analyzer.Name, act.Err)
		}
	}
	found := append(rootFindings(graph.Roots), extra...)
	slices.SortStableFunc(found, func(x, y reported) int {
		px, py := x.fset.Position(x.diag.Pos), y.fset.Position(y.diag.Pos)
		return cmp.Or(
			cmp.Compare(px.Filename, py.Filename),
			cmp.Compare(px.Line, py.Line),
			cmp.Compare(px.Column, py.Column),
			cmp.Compare(x.analyzer.Name, y.analyzer.Name),
			cmp.Compare(x.diag.Message, y.diag.Message),
		)
	})
	for _, f := range found {
		p.line(f.fset, f.diag.Pos, f.diag.End, "", f.diag.Message+" ("+f.analyzer.Name+")")
		for _, rel := range f.diag.Related {
			p.line(f.fset, rel.Pos, rel.End, "\t", "note: "+rel.Message)
		}
	}
	return found
}

// line prints one position and its message, then the source context.
func (p *textPrinter) line(fset *token.FileSet, pos, end token.Pos, indent, msg string) {
	posn := fset.Position(pos)
	fmt.Fprintf(p.w, "%s%s: %s\n", indent, p.position(posn), msg)
	if p.context < 0 {
		return
	}
	last := posn.Line
	if e := fset.Position(end); e.IsValid() && e.Filename == posn.Filename {
		last = e.Line
	}
	data, err := os.ReadFile(p.file(posn.Filename))
	if err != nil {
		return
	}
	lines := strings.Split(string(data), "\n")
	for i := max(posn.Line-p.context, 1); i <= min(last+p.context, len(lines)); i++ {
		fmt.Fprintf(p.w, "%s%d\t%s\n", indent, i, lines[i-1])
	}
}

// position formats posn with its file relative to the working directory
// when it is below it.
func (p *textPrinter) position(posn token.Position) string {
	name := p.file(posn.Filename)
	if rel, ok := within(p.wd, name); ok {
		name = rel
	}
	if posn.Line == 0 {
		return name
	}
	if posn.Column == 0 {
		return fmt.Sprintf("%s:%d", name, posn.Line)
	}
	return fmt.Sprintf("%s:%d:%d", name, posn.Line, posn.Column)
}

// file resolves the $GOROOT prefix with which export data records the
// files of the standard library, so that the path can be opened.
func (p *textPrinter) file(name string) string {
	rest, ok := strings.CutPrefix(name, "$GOROOT")
	if !ok {
		return name
	}
	root := goroot()
	if root == "" {
		return name
	}
	return filepath.Join(root, filepath.FromSlash(rest))
}

// goroot is the GOROOT of the go command that loaded the packages.
var goroot = sync.OnceValue(func() string {
	out, err := exec.Command("go", "env", "GOROOT").Output()
	if err != nil {
		return ""
	}
	return strings.TrimSpace(string(out))
})

// summary is the closing line of the text output, such as
//
//	14 findings: 6 keyinjection, 6 keylength, 1 sensitivedata, 1 exposure; 12 have a suggested fix (cachevet -fix)
//
// counting by analyzer in the order of all. It is empty without findings.
func summary(found []reported, all []*analysis.Analyzer) string {
	if len(found) == 0 {
		return ""
	}
	byAnalyzer := map[*analysis.Analyzer]int{}
	fixable := 0
	for _, f := range found {
		byAnalyzer[f.analyzer]++
		if len(f.diag.SuggestedFixes) > 0 {
			fixable++
		}
	}
	var parts []string
	for _, a := range all {
		if n := byAnalyzer[a]; n > 0 {
			parts = append(parts, fmt.Sprintf("%d %s", n, a.Name))
		}
	}
	s := fmt.Sprintf("%s: %s; ", count(len(found), "finding"), strings.Join(parts, ", "))
	switch fixable {
	case 0:
		return s + "none has a suggested fix"
	case 1:
		return s + "1 has a suggested fix (cachevet -fix)"
	}
	return s + fmt.Sprintf("%d have a suggested fix (cachevet -fix)", fixable)
}

func count(n int, what string) string {
	if n == 1 {
		return "1 " + what
	}
	return fmt.Sprintf("%d %ss", n, what)
}
