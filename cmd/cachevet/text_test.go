package main

import (
	"bytes"
	"go/token"
	"path/filepath"
	"strings"
	"testing"

	"github.com/cachevet/cachevet/analyzers"
	"golang.org/x/tools/go/analysis"
)

func TestSummary(t *testing.T) {
	all := analyzers.All()
	byName := map[string]*analysis.Analyzer{}
	for _, a := range all {
		byName[a.Name] = a
	}
	fixable := analysis.Diagnostic{SuggestedFixes: []analysis.SuggestedFix{{Message: "fix"}}}
	find := func(name string, d analysis.Diagnostic) reported { return reported{analyzer: byName[name], diag: d} }
	for _, tc := range []struct {
		found []reported
		want  string
	}{
		{nil, ""},
		{[]reported{find("keylength", analysis.Diagnostic{})}, "1 finding: 1 keylength; none has a suggested fix"},
		{[]reported{find("exposure", fixable), find("keyinjection", fixable), find("keyinjection", analysis.Diagnostic{})},
			"3 findings: 2 keyinjection, 1 exposure; 2 have a suggested fix (cachevet -fix)"},
		{[]reported{find("sensitivedata", fixable)}, "1 finding: 1 sensitivedata; 1 has a suggested fix (cachevet -fix)"},
	} {
		if got := summary(tc.found, all); got != tc.want {
			t.Errorf("summary = %q, want %q", got, tc.want)
		}
	}
}

// TestTextPositions: paths below the working directory are relative,
// others stay as they are, and related information is an indented note.
func TestTextPositions(t *testing.T) {
	wd := t.TempDir()
	fset := token.NewFileSet()
	inside := fset.AddFile(filepath.Join(wd, "pkg", "a.go"), -1, 100)
	outside := fset.AddFile("/elsewhere/b.go", -1, 100)
	inside.SetLines([]int{0, 10})
	outside.SetLines([]int{0, 10})
	var buf bytes.Buffer
	p := &textPrinter{w: &buf, wd: wd, context: -1}
	d := analysis.Diagnostic{
		Pos:     inside.Pos(12),
		Message: "a finding",
		Related: []analysis.RelatedInformation{{Pos: outside.Pos(3), Message: "enters here"}},
	}
	p.line(fset, d.Pos, d.End, "", d.Message+" (keyinjection)")
	p.line(fset, d.Related[0].Pos, d.Related[0].End, "\t", "note: "+d.Related[0].Message)
	want := "pkg/a.go:2:3: a finding (keyinjection)\n\t/elsewhere/b.go:1:4: note: enters here\n"
	if got := filepath.ToSlash(buf.String()); got != want {
		t.Errorf("text output:\n%s\nwant:\n%s", got, want)
	}
	if got := p.file("$GOROOT/src/net/http/server.go"); strings.HasPrefix(got, "$GOROOT") || !strings.HasSuffix(filepath.ToSlash(got), "/src/net/http/server.go") {
		t.Errorf("file($GOROOT/...) = %q, want the path under the go command's GOROOT", got)
	}
}
