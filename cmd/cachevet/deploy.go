package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"go/token"
	"os"
	"path/filepath"
	"strings"

	udiff "github.com/aymanbagabas/go-udiff"
	"github.com/cachevet/cachevet/analyzers/exposure"
	"github.com/cachevet/cachevet/analyzers/exposure/deploy"
	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/packages"
)

// The deployment files (Dockerfiles, Compose and Kubernetes YAML, systemd
// units, memcached's configuration files, Terraform) are not packages:
// package deploy checks them, and this file puts its findings through the
// same outputs as the analyzers' own, as findings of exposure.

// deployResult is what the deployment-file check found: the files, in a
// file set of their own so that the findings have token positions like
// the analyzers', and the findings of each.
type deployResult struct {
	fset  *token.FileSet
	files []deployFile
}

type deployFile struct {
	name     string
	data     []byte
	tok      *token.File
	findings []deploy.Finding
}

// splitDeployArgs separates the deployment files named on the command
// line from the package patterns.
func splitDeployArgs(args []string) (patterns, files []string) {
	for _, a := range args {
		if fi, err := os.Stat(a); err == nil && fi.Mode().IsRegular() && deploy.IsDeploymentFile(a) {
			files = append(files, a)
			continue
		}
		patterns = append(patterns, a)
	}
	return patterns, files
}

// checkDeployment checks the deployment files named on the command line
// and those in the directories of the root packages and below.
func checkDeployment(roots []*packages.Package, named []string) (*deployResult, error) {
	deploy.CachePorts = exposure.CachePorts()
	var dirs []string
	for _, p := range roots {
		if len(p.GoFiles) > 0 {
			dirs = append(dirs, filepath.Dir(p.GoFiles[0]))
		}
	}
	found, err := deploy.Files(dirs)
	if err != nil {
		return nil, err
	}
	r := &deployResult{fset: token.NewFileSet()}
	check := func(name string, named bool) error {
		// Absolute, as the analyzers' file names are.
		name, err := filepath.Abs(name)
		if err != nil {
			return err
		}
		data, err := os.ReadFile(name)
		if err != nil {
			return err
		}
		fs, err := deploy.CheckFile(name, data, named)
		if err != nil {
			return err
		}
		tok := r.fset.AddFile(name, -1, len(data))
		tok.SetLinesForContent(data)
		r.files = append(r.files, deployFile{name: name, data: data, tok: tok, findings: fs})
		return nil
	}
	for _, name := range named {
		if err := check(name, true); err != nil {
			return nil, err
		}
	}
	for _, name := range found {
		if err := check(name, false); err != nil {
			return nil, err
		}
	}
	return r, nil
}

// diagnostics returns the findings of a file as the analyzers report theirs.
func (f *deployFile) diagnostics() []analysis.Diagnostic {
	var out []analysis.Diagnostic
	for _, d := range f.findings {
		diag := analysis.Diagnostic{Pos: f.tok.Pos(d.Start), End: f.tok.Pos(d.End), Category: "exposure", Message: d.Message}
		if d.Fix != nil {
			fix := analysis.SuggestedFix{Message: d.Fix.Message}
			for _, e := range d.Fix.Edits {
				fix.TextEdits = append(fix.TextEdits, analysis.TextEdit{Pos: f.tok.Pos(e.Start), End: f.tok.Pos(e.End), NewText: []byte(e.New)})
			}
			diag.SuggestedFixes = []analysis.SuggestedFix{fix}
		}
		out = append(out, diag)
	}
	return out
}

// reported returns the findings as exposure's, for the text and SARIF
// outputs.
func (r *deployResult) reported() []reported {
	var out []reported
	for _, f := range r.files {
		for _, d := range f.diagnostics() {
			out = append(out, reported{analyzer: exposure.Analyzer, fset: r.fset, diag: d})
		}
	}
	return out
}

// mergeJSON adds the findings to the JSON output of the analyzers, one
// entry per file under its name where the analyzers have a package ID.
// The analyzers' entries are kept as they are (raw), so that their output
// does not change; the findings have the same fields in the same order.
func (r *deployResult) mergeJSON(analyzersJSON []byte) ([]byte, error) {
	type jsonEdit struct {
		Filename string `json:"filename"`
		Start    int    `json:"start"`
		End      int    `json:"end"`
		New      string `json:"new"`
	}
	type jsonFix struct {
		Message string     `json:"message"`
		Edits   []jsonEdit `json:"edits"`
	}
	type jsonDiagnostic struct {
		Category       string    `json:"category,omitempty"`
		Posn           string    `json:"posn"`
		End            string    `json:"end"`
		Message        string    `json:"message"`
		SuggestedFixes []jsonFix `json:"suggested_fixes,omitempty"`
	}
	tree := map[string]map[string]json.RawMessage{}
	if err := json.Unmarshal(analyzersJSON, &tree); err != nil {
		return nil, err
	}
	for _, f := range r.files {
		var diags []jsonDiagnostic
		for _, d := range f.diagnostics() {
			jd := jsonDiagnostic{Category: d.Category, Posn: r.fset.Position(d.Pos).String(), End: r.fset.Position(d.End).String(), Message: d.Message}
			for _, sf := range d.SuggestedFixes {
				fix := jsonFix{Message: sf.Message}
				for _, e := range sf.TextEdits {
					fix.Edits = append(fix.Edits, jsonEdit{Filename: f.name, Start: f.tok.Offset(e.Pos), End: f.tok.Offset(e.End), New: string(e.NewText)})
				}
				jd.SuggestedFixes = append(jd.SuggestedFixes, fix)
			}
			diags = append(diags, jd)
		}
		if diags == nil {
			continue
		}
		raw, err := json.Marshal(diags)
		if err != nil {
			return nil, err
		}
		tree[f.name] = map[string]json.RawMessage{"exposure": raw}
	}
	data, err := json.MarshalIndent(tree, "", "\t")
	return append(data, '\n'), err
}

// applyFixes applies the suggested fixes to the files, or prints them as
// a unified diff.
func (r *deployResult) applyFixes(printDiff bool) error {
	skipped := 0
	for _, f := range r.files {
		fixed, n, err := deploy.ApplyFixes(f.data, f.findings)
		if err != nil {
			return err
		}
		for _, d := range f.findings {
			if d.Fix != nil {
				skipped++
			}
		}
		skipped -= n
		if n == 0 || bytes.Equal(fixed, f.data) {
			continue
		}
		if printDiff {
			os.Stdout.WriteString(udiff.Unified(f.name+" (old)", f.name+" (new)", string(f.data), string(fixed)))
			continue
		}
		if err := os.WriteFile(f.name, fixed, 0o644); err != nil {
			return err
		}
	}
	if skipped > 0 && !printDiff {
		return fmt.Errorf("%d fixes of deployment files overlap others; run cachevet -fix again to apply them", skipped)
	}
	return nil
}

// names lists the checked files, for -debug=v.
func (r *deployResult) names() string {
	var out []string
	for _, f := range r.files {
		out = append(out, f.name)
	}
	return strings.Join(out, " ")
}
