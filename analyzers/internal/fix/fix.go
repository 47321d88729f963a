// Package fix builds the SuggestedFixes cachevet offers: wrapping an
// expression in a call of another package, adding the import it needs.
package fix

import (
	"go/ast"
	"go/token"
	"go/types"
	"strconv"

	"golang.org/x/tools/go/analysis"
)

// Importer adds imports to one file for one fix.
type Importer struct {
	pass  *analysis.Pass
	file  *ast.File
	edits []analysis.TextEdit
	added map[string]string
}

// NewImporter returns an Importer for the file containing pos.
func NewImporter(pass *analysis.Pass, pos token.Pos) *Importer {
	for _, f := range pass.Files {
		if f.FileStart <= pos && pos <= f.FileEnd {
			return &Importer{pass: pass, file: f, added: map[string]string{}}
		}
	}
	return nil
}

// Name returns the name under which package path can be used at pos,
// adding an import if the file lacks one. ok is false if the name is
// shadowed at pos, in which case no fix should be offered.
func (im *Importer) Name(path, name string, pos token.Pos) (string, bool) {
	if n, ok := im.added[path]; ok {
		return n, true
	}
	for _, spec := range im.file.Imports {
		p, _ := strconv.Unquote(spec.Path.Value)
		if p != path {
			continue
		}
		if spec.Name != nil {
			name = spec.Name.Name
		}
		if name == "_" || name == "." {
			return "", false
		}
		return name, im.resolvesTo(name, pos, path)
	}
	if !im.resolvesTo(name, pos, "") {
		return "", false
	}
	im.edits = append(im.edits, im.importEdit(path))
	im.added[path] = name
	return name, true
}

// resolvesTo reports whether name at pos means the package path (or
// nothing at all, for path == "").
func (im *Importer) resolvesTo(name string, pos token.Pos, path string) bool {
	scope := im.pass.TypesInfo.Scopes[im.file]
	if inner := im.pass.Pkg.Scope().Innermost(pos); inner != nil {
		scope = inner
	}
	if scope == nil {
		return true
	}
	_, obj := scope.LookupParent(name, pos)
	if obj == nil {
		return path == ""
	}
	pn, ok := obj.(*types.PkgName)
	return ok && pn.Imported().Path() == path
}

func (im *Importer) importEdit(path string) analysis.TextEdit {
	quoted := strconv.Quote(path)
	for _, decl := range im.file.Decls {
		gd, ok := decl.(*ast.GenDecl)
		if !ok || gd.Tok != token.IMPORT {
			continue
		}
		if gd.Lparen.IsValid() {
			return analysis.TextEdit{Pos: gd.Lparen + 1, End: gd.Lparen + 1, NewText: []byte("\n\t" + quoted)}
		}
		return analysis.TextEdit{Pos: gd.Pos(), End: gd.Pos(), NewText: []byte("import " + quoted + "\n")}
	}
	end := im.file.Name.End()
	return analysis.TextEdit{Pos: end, End: end, NewText: []byte("\n\nimport " + quoted)}
}

// Edits returns the import edits added so far.
func (im *Importer) Edits() []analysis.TextEdit { return im.edits }

// Wrap returns an edit that replaces expr by fun(expr).
func Wrap(expr ast.Expr, fun string) []analysis.TextEdit {
	return []analysis.TextEdit{
		{Pos: expr.Pos(), End: expr.Pos(), NewText: []byte(fun + "(")},
		{Pos: expr.End(), End: expr.End(), NewText: []byte(")")},
	}
}
