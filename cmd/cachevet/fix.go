package main

import (
	"bytes"
	"fmt"
	"go/ast"
	"go/format"
	"go/parser"
	"go/token"
	"log"
	"os"
	"slices"

	udiff "github.com/aymanbagabas/go-udiff"
	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/checker"
)

// applyFixes is -fix (and -fix -diff): it applies the first suggested fix
// of every finding of the root actions, as the go/analysis drivers do.
// Each fix is merged into the edits accepted so far like a three-way
// merge; identical edits coalesce, so two fixes adding the same import do
// not clash, and insertions at one point keep the order of the findings.
// A fix that would conflict with an accepted one, or edit a generated
// file, is left out, and the error says to run cachevet again. The fixed
// files are formatted with their imports sorted.
func applyFixes(roots []*checker.Action, printDiff bool) error {
	type fileState struct {
		baseline []byte
		edits    []udiff.Edit
	}
	files := make(map[string]*fileState)
	var order []string // files in the order fixes first touched them
	generated := make(map[*token.File]bool)
	total, applied := 0, 0

	for _, act := range roots {
		if act.Err != nil || len(act.Diagnostics) == 0 {
			continue
		}
		fset := act.Package.Fset
		for _, f := range act.Package.Syntax {
			generated[fset.File(f.FileStart)] = ast.IsGenerated(f)
		}
	fixes:
		for _, d := range act.Diagnostics {
			if len(d.SuggestedFixes) == 0 {
				continue
			}
			total++
			byFile, err := editsByFile(fset, d.SuggestedFixes[0])
			if err != nil {
				return err
			}
			merged := make(map[string][]udiff.Edit, len(byFile))
			for name, edits := range byFile {
				fs := files[name]
				if fs == nil {
					tok := fset.File(edits[0].pos)
					if generated[tok] {
						continue fixes
					}
					data, err := os.ReadFile(name)
					if err != nil {
						return err
					}
					if tok.Size() != len(data) {
						return fmt.Errorf("%s changed while cachevet ran (%d bytes, then %d); no fix applied", name, tok.Size(), len(data))
					}
					fs = &fileState{baseline: data}
					files[name] = fs
					order = append(order, name)
				}
				// A file of a package and of its test variant is parsed
				// twice: offsets come from the edit's own token.File.
				var ue []udiff.Edit
				for _, e := range edits {
					tok := fset.File(e.pos)
					ue = append(ue, udiff.Edit{Start: tok.Offset(e.pos), End: tok.Offset(e.end), New: e.text})
				}
				udiff.SortEdits(ue)
				m, ok := udiff.Merge(fs.edits, ue)
				if !ok {
					continue fixes // conflicts with an accepted fix
				}
				merged[name] = m
			}
			for name, m := range merged {
				files[name].edits = m
			}
			applied++
		}
	}

	slices.Sort(order)
	for _, name := range order {
		fs := files[name]
		if len(fs.edits) == 0 {
			continue
		}
		fixed, err := udiff.ApplyBytes(fs.baseline, fs.edits)
		if err != nil {
			return fmt.Errorf("%s: %v", name, err)
		}
		fixed = formatFixed(fixed)
		if printDiff {
			os.Stdout.WriteString(udiff.Unified(name+" (old)", name+" (new)", string(fs.baseline), string(fixed)))
			continue
		}
		if err := os.WriteFile(name, fixed, 0o644); err != nil {
			return err
		}
	}
	if applied < total {
		if printDiff {
			return fmt.Errorf("%d of %d fixes skipped (they conflict with others or edit generated files)", total-applied, total)
		}
		return fmt.Errorf("applied %d of %d fixes; run cachevet -fix again to apply more", applied, total)
	}
	return nil
}

type textEdit struct {
	pos, end token.Pos
	text     string
}

// editsByFile groups a fix's edits by file name.
func editsByFile(fset *token.FileSet, fix analysis.SuggestedFix) (map[string][]textEdit, error) {
	out := make(map[string][]textEdit)
	for _, e := range fix.TextEdits {
		tok := fset.File(e.Pos)
		end := e.End
		if !end.IsValid() {
			end = e.Pos
		}
		if tok == nil || end < e.Pos || int(end) > tok.Base()+tok.Size() {
			return nil, fmt.Errorf("invalid fix %q: an edit outside its file", fix.Message)
		}
		out[tok.Name()] = append(out[tok.Name()], textEdit{e.Pos, end, string(e.NewText)})
	}
	return out, nil
}

// formatFixed sorts the imports of a fixed file and formats it; a file
// that no longer parses is written as the edits left it, so that the
// compiler shows what went wrong.
func formatFixed(src []byte) []byte {
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, "fixed.go", src, parser.ParseComments|parser.SkipObjectResolution)
	if err != nil {
		log.Printf("a fixed file does not parse: %v", err)
		return src
	}
	ast.SortImports(fset, f)
	var buf bytes.Buffer
	if err := format.Node(&buf, fset, f); err != nil {
		return src
	}
	return buf.Bytes()
}
