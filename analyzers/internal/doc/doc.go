// Package doc extracts an analyzer's documentation from its package's
// doc.go, as the x/tools passes do, so that `cachevet help <analyzer>`,
// go vet and golangci-lint show the same text as pkg.go.dev.
package doc

import (
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"strings"
)

// Extract returns the section headed "# Analyzer <name>" of the package
// comment in the Go source content, up to the next analyzer's section: the
// first line after the heading is "name: summary", which becomes the first
// line of the result, and the rest follows, subsections included. It panics if the section is missing, since that is a
// programming error caught by every test of the analyzer.
func Extract(content, name string) string {
	doc, err := extract(content, name)
	if err != nil {
		panic(err)
	}
	return doc
}

func extract(content, name string) (string, error) {
	f, err := parser.ParseFile(token.NewFileSet(), "doc.go", content, parser.ParseComments|parser.PackageClauseOnly)
	if err != nil {
		return "", err
	}
	if f.Doc == nil {
		return "", fmt.Errorf("doc.go has no package comment")
	}
	text := (&ast.CommentGroup{List: f.Doc.List}).Text()
	heading := "# Analyzer " + name
	_, rest, ok := strings.Cut(text, heading+"\n")
	if !ok {
		return "", fmt.Errorf("doc.go has no %q section", heading)
	}
	rest = strings.TrimLeft(rest, "\n")
	if i := strings.Index(rest, "\n# Analyzer "); i >= 0 {
		rest = rest[:i] // the next analyzer's section; subsections stay
	}
	summary, body, _ := strings.Cut(rest, "\n")
	summary, ok = strings.CutPrefix(summary, name+": ")
	if !ok {
		return "", fmt.Errorf("the %q section must start with %q", heading, name+": summary")
	}
	return strings.TrimSpace(summary + "\n" + body), nil
}
