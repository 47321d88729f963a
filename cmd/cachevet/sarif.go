package main

import (
	"bytes"
	"cmp"
	"fmt"
	"go/token"
	"io"
	"log"
	"net/url"
	"os"
	"path/filepath"
	"runtime/debug"
	"slices"
	"strconv"
	"strings"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/owenrumney/go-sarif/v2/sarif"
	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/checker"
)

// srcRoot is the uriBaseId of the working directory, where the analyzed
// files' relative URIs start (GitHub code scanning resolves it to the
// repository checkout).
const srcRoot = "%SRCROOT%"

// writeSARIF is cachevet -sarif: it writes the log of the analysis in
// graph, with the packages' load errors and the analyzers' failures as
// tool execution notifications, to stdout or to the file path. It returns
// the exit code.
func writeSARIF(analyzers []*analysis.Analyzer, graph *checker.Graph, deployed *deployResult, loadErrors []string, path string) int {
	exit := 0
	var notes []*sarif.Notification
	for _, e := range loadErrors {
		notes = append(notes, errorNote(e))
		exit = 1
	}
	for act := range graph.All() {
		if act.Err != nil {
			fmt.Fprintf(os.Stderr, "%s: %v\n", act.Analyzer.Name, act.Err)
			notes = append(notes, errorNote(fmt.Sprintf("%s: %v", act, act.Err)))
			exit = 1
		}
	}

	wd, err := os.Getwd()
	if err != nil {
		log.Print(err)
		return 1
	}
	report, err := buildSARIF(analyzers, graph.Roots, deployed, wd)
	if err != nil {
		log.Print(err)
		return 1
	}
	report.Runs[0].Invocations[0].ToolExecutionNotifications = notes
	report.Runs[0].Invocations[0].ExecutionSuccessful = ptr(len(notes) == 0)

	var buf bytes.Buffer
	if err := report.PrettyWrite(&buf); err != nil {
		log.Print(err)
		return 1
	}
	buf.WriteByte('\n')
	var w io.Writer = os.Stdout
	if path != "" {
		f, err := os.Create(path)
		if err != nil {
			log.Print(err)
			return 1
		}
		defer f.Close()
		w = f
	}
	if _, err := w.Write(buf.Bytes()); err != nil {
		log.Print(err)
		return 1
	}
	return exit
}

func errorNote(msg string) *sarif.Notification {
	return &sarif.Notification{Level: "error", Message: sarif.NewTextMessage(msg)}
}

// buildSARIF turns the diagnostics of the root actions into a SARIF log
// with one run. Paths are made relative to wd.
func buildSARIF(analyzers []*analysis.Analyzer, roots []*checker.Action, deployed *deployResult, wd string) (*sarif.Report, error) {
	report, err := sarif.New(sarif.Version210)
	if err != nil {
		return nil, err
	}
	run := sarif.NewRunWithInformationURI("cachevet", "https://pkg.go.dev/github.com/cachevet/cachevet/cmd/cachevet")
	run.Tool.Driver.Version = ptr(version())
	run.ColumnKind = "utf16CodeUnits"
	if u := dirURI(wd); u != "" {
		run.OriginalUriBaseIDs = map[string]*sarif.ArtifactLocation{srcRoot: sarif.NewArtifactLocation().WithUri(u)}
	}
	run.AddInvocations(&sarif.Invocation{ExecutionSuccessful: ptr(true)})
	ruleIndex := map[string]int{}
	for i, a := range analyzers {
		short, _, _ := strings.Cut(a.Doc, "\n")
		rule := run.AddRule(a.Name).
			WithShortDescription(sarif.NewMultiformatMessageString(short)).
			WithFullDescription(sarif.NewMultiformatMessageString(a.Doc)).
			WithTextHelp(a.Doc)
		if a.URL != "" {
			rule.WithHelpURI(a.URL)
		}
		ruleIndex[a.Name] = i
	}

	b := &sarifBuilder{wd: wd, files: map[string][]byte{}}
	var results []*sarif.Result
	found := rootFindings(roots)
	if deployed != nil {
		for _, f := range deployed.files {
			b.files[f.name] = f.data
		}
		found = append(found, deployed.reported()...)
	}
	for _, f := range found {
		results = append(results, b.result(f.fset, f.analyzer.Name, ruleIndex[f.analyzer.Name], f.diag))
	}
	slices.SortStableFunc(results, compareResults)
	run.WithResults(results)
	report.AddRun(run)
	return report, nil
}

// compareResults orders results by file, line, column, rule and message.
func compareResults(x, y *sarif.Result) int {
	px, py := x.Locations[0].PhysicalLocation, y.Locations[0].PhysicalLocation
	return cmp.Or(
		cmp.Compare(*px.ArtifactLocation.URI, *py.ArtifactLocation.URI),
		cmp.Compare(*px.Region.StartLine, *py.Region.StartLine),
		cmp.Compare(*px.Region.StartColumn, *py.Region.StartColumn),
		cmp.Compare(*x.RuleID, *y.RuleID),
		cmp.Compare(*x.Message.Text, *y.Message.Text),
	)
}

type sarifBuilder struct {
	wd    string
	files map[string][]byte // contents, to count columns in UTF-16
}

func (b *sarifBuilder) result(fset *token.FileSet, rule string, index int, d analysis.Diagnostic) *sarif.Result {
	primary := b.location(fset, d.Pos, d.End)
	r := sarif.NewRuleResult(rule).
		WithRuleIndex(index).
		WithLevel("warning").
		WithMessage(sarif.NewTextMessage(d.Message)).
		WithLocations([]*sarif.Location{primary})

	// Related information: for the taint analyzers the places the data
	// came from and the wrappers it went through, in order. Numbered
	// from 1, as locations a message could link to.
	var flow []*sarif.ThreadFlowLocation
	for i, rel := range d.Related {
		loc := b.location(fset, rel.Pos, rel.End).WithId(i + 1).WithMessage(sarif.NewTextMessage(rel.Message))
		r.AddRelatedLocation(loc)
		step := b.location(fset, rel.Pos, rel.End).WithMessage(sarif.NewTextMessage(rel.Message))
		flow = append(flow, sarif.NewThreadFlowLocation().WithLocation(step))
	}
	if len(flow) > 0 {
		sink := b.location(fset, d.Pos, d.End).WithMessage(sarif.NewTextMessage(d.Message))
		flow = append(flow, sarif.NewThreadFlowLocation().WithLocation(sink))
		r.AddCodeFlow(sarif.NewCodeFlow().WithThreadFlows([]*sarif.ThreadFlow{
			sarif.NewThreadFlow().WithLocations(flow),
		}))
	}

	for _, sf := range d.SuggestedFixes {
		if fix := b.fix(fset, sf); fix != nil {
			r.AddFix(fix)
		}
	}
	return r
}

// fix converts a suggested fix: one artifact change per file, in the
// order the files first appear, each with its edits in order.
func (b *sarifBuilder) fix(fset *token.FileSet, sf analysis.SuggestedFix) *sarif.Fix {
	fix := sarif.NewFix().WithDescriptionText(sf.Message)
	changes := map[string]*sarif.ArtifactChange{}
	for _, e := range sf.TextEdits {
		end := e.End
		if !end.IsValid() {
			end = e.Pos
		}
		start, stop := fset.PositionFor(e.Pos, false), fset.PositionFor(end, false)
		region := b.region(start, stop).
			WithByteOffset(start.Offset).
			WithByteLength(stop.Offset - start.Offset)
		rep := sarif.NewReplacement(region).WithInsertedContent(sarif.NewArtifactContent().WithText(string(e.NewText)))
		ch := changes[start.Filename]
		if ch == nil {
			ch = sarif.NewArtifactChange(b.artifact(start.Filename))
			changes[start.Filename] = ch
			fix.AddArtifactChanges(ch)
		}
		ch.WithReplacement(rep)
	}
	if len(fix.ArtifactChanges) == 0 {
		return nil
	}
	return fix
}

// location is the physical location of [pos, end). Positions are those
// of the files as they are on disk, ignoring //line directives, which is
// what a code-scanning viewer shows and what the fixes edit.
func (b *sarifBuilder) location(fset *token.FileSet, pos, end token.Pos) *sarif.Location {
	start := fset.PositionFor(pos, false)
	stop := start
	if end.IsValid() && end >= pos {
		stop = fset.PositionFor(end, false)
	}
	return sarif.NewLocationWithPhysicalLocation(sarif.NewPhysicalLocation().
		WithArtifactLocation(b.artifact(start.Filename)).
		WithRegion(b.region(start, stop)))
}

// artifact locates a file relative to the working directory (%SRCROOT%),
// or by an absolute file URI when it is outside.
func (b *sarifBuilder) artifact(filename string) *sarif.ArtifactLocation {
	if rel, ok := within(b.wd, filename); ok {
		return sarif.NewArtifactLocation().WithUri(relURI(rel)).WithUriBaseId(srcRoot)
	}
	return sarif.NewArtifactLocation().WithUri(fileURI(filename))
}

func (b *sarifBuilder) region(start, stop token.Position) *sarif.Region {
	return sarif.NewRegion().
		WithStartLine(start.Line).
		WithStartColumn(b.column(start)).
		WithEndLine(stop.Line).
		WithEndColumn(b.column(stop))
}

// column converts a byte column to UTF-16 code units, SARIF's default
// column kind. Without the file's text it keeps the byte column.
func (b *sarifBuilder) column(p token.Position) int {
	data, ok := b.files[p.Filename]
	if !ok {
		data, _ = os.ReadFile(p.Filename)
		b.files[p.Filename] = data
	}
	lineStart := p.Offset - (p.Column - 1)
	if p.Column < 1 || lineStart < 0 || p.Offset > len(data) {
		return max(p.Column, 1)
	}
	n := 0
	for s := data[lineStart:p.Offset]; len(s) > 0; {
		r, size := utf8.DecodeRune(s)
		s = s[size:]
		if utf16.RuneLen(r) == 2 {
			n += 2
		} else {
			n++
		}
	}
	return n + 1
}

// within returns file relative to dir if it is inside dir, resolving
// symbolic links if needed (go list reports resolved paths).
func within(dir, file string) (string, bool) {
	if rel, err := filepath.Rel(dir, file); err == nil && filepath.IsLocal(rel) {
		return rel, true
	}
	rdir, err1 := filepath.EvalSymlinks(dir)
	rfile, err2 := filepath.EvalSymlinks(file)
	if err1 != nil || err2 != nil {
		return "", false
	}
	if rel, err := filepath.Rel(rdir, rfile); err == nil && filepath.IsLocal(rel) {
		return rel, true
	}
	return "", false
}

// relURI is a relative path as a URI reference.
func relURI(rel string) string {
	u := &url.URL{Path: filepath.ToSlash(rel)}
	return u.String()
}

// fileURI is the file URI of an absolute path.
func fileURI(path string) string {
	p := filepath.ToSlash(path)
	if !strings.HasPrefix(p, "/") {
		p = "/" + p // a Windows drive letter
	}
	return (&url.URL{Scheme: "file", Path: p}).String()
}

// dirURI is the file URI of a directory, with the final slash SARIF
// requires of a base URI.
func dirURI(dir string) string {
	if !filepath.IsAbs(dir) {
		return ""
	}
	u := fileURI(dir)
	if !strings.HasSuffix(u, "/") {
		u += "/"
	}
	return u
}

// version is cachevet's module version, or the VCS revision it was built
// from, or "devel".
func version() string {
	bi, ok := debug.ReadBuildInfo()
	if !ok {
		return "devel"
	}
	if v := bi.Main.Version; v != "" && v != "(devel)" {
		return v
	}
	rev, modified := "", false
	for _, s := range bi.Settings {
		switch s.Key {
		case "vcs.revision":
			rev = s.Value
		case "vcs.modified":
			modified, _ = strconv.ParseBool(s.Value)
		}
	}
	if rev == "" {
		return "devel"
	}
	if len(rev) > 12 {
		rev = rev[:12]
	}
	if modified {
		rev += "-dirty"
	}
	return "devel-" + rev
}

func ptr[T any](v T) *T { return &v }
