// Package load loads the packages cachevet analyzes. The stock go/analysis
// driver type-checks every dependency from source, because analyzers with
// facts run on all of them; most of those dependencies cannot change a
// cachevet finding. This loader asks go list for the import graph and the
// compiler's export data, then type-checks from source only the packages
// named on the command line and those analyzers.Relevance selects (plus
// every package between them and the roots, since a package type-checked
// from export data cannot refer to one type-checked from source); every
// other package is read from export data, as gosec and go vet do.
package load

import (
	"fmt"
	"go/ast"
	"go/build"
	"go/parser"
	"go/scanner"
	"go/token"
	"go/types"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"

	"github.com/cachevet/cachevet/analyzers"
	"golang.org/x/sync/errgroup"
	"golang.org/x/tools/go/gcexportdata"
	"golang.org/x/tools/go/packages"
)

// Config says how to load.
type Config struct {
	// Tests: also load the roots' test packages.
	Tests bool
	// Full: type-check every dependency from source, as the stock
	// go/analysis driver does (the reference the pruned loading is tested
	// against).
	Full bool
	// Relevance selects the dependencies loaded from source.
	Relevance *analyzers.Relevance
}

// Result is what was loaded.
type Result struct {
	// Roots are the packages the patterns named, in go list's order. The
	// Imports of packages read from export data are cut, so that a
	// driver walking the graph for facts visits only what it needs.
	Roots []*packages.Package
	// Source lists the IDs of the packages type-checked from source, and
	// Export counts those read from export data.
	Source []string
	Export int
}

// Packages loads the packages matching patterns.
func Packages(cfg Config, patterns ...string) (*Result, error) {
	if cfg.Full {
		roots, err := packages.Load(&packages.Config{Mode: packages.LoadAllSyntax | packages.NeedModule, Tests: cfg.Tests}, patterns...)
		if err != nil {
			return nil, err
		}
		res := &Result{Roots: roots}
		packages.Visit(roots, nil, func(p *packages.Package) { res.Source = append(res.Source, p.ID) })
		slices.Sort(res.Source)
		return res, nil
	}

	const meta = packages.NeedName | packages.NeedFiles | packages.NeedCompiledGoFiles |
		packages.NeedImports | packages.NeedDeps | packages.NeedModule | packages.NeedExportFile |
		packages.NeedTypesSizes
	roots, err := packages.Load(&packages.Config{Mode: meta, Tests: cfg.Tests}, patterns...)
	if err != nil {
		return nil, err
	}
	l := &loader{
		cfg:      cfg,
		fset:     token.NewFileSet(),
		roots:    make(map[*packages.Package]bool),
		relevant: make(map[*packages.Package]bool),
		source:   make(map[*packages.Package]bool),
		decided:  make(map[*packages.Package]bool),
	}
	for _, p := range roots {
		l.roots[p] = true
	}
	var all []*packages.Package // dependencies first
	packages.Visit(roots, nil, func(p *packages.Package) { all = append(all, p) })
	for _, p := range all {
		l.decide(p)
	}
	if err := l.typeCheck(all); err != nil {
		return nil, err
	}
	res := &Result{Roots: roots}
	for _, p := range all {
		switch {
		case l.source[p]:
			res.Source = append(res.Source, p.ID)
		case p.Types != nil && p.Types.Complete():
			res.Export++
		}
	}
	slices.Sort(res.Source)
	for _, p := range all {
		if !l.source[p] {
			p.Imports = nil
		}
	}
	return res, nil
}

type loader struct {
	cfg  Config
	fset *token.FileSet

	roots    map[*packages.Package]bool
	relevant map[*packages.Package]bool
	source   map[*packages.Package]bool
	decided  map[*packages.Package]bool

	exportMu sync.Mutex // guards reading export data into shared packages
}

// decide computes whether p is relevant and whether it must come from
// source. Its imports are decided first (packages.Visit is postorder).
func (l *loader) decide(p *packages.Package) {
	if l.decided[p] {
		return
	}
	l.decided[p] = true
	info := analyzers.PackageInfo{
		Path:      p.PkgPath,
		Standard:  standard(p),
		Versioned: p.Module != nil && p.Module.Version != "",
	}
	src := l.roots[p] || p.ExportFile == "" && p.PkgPath != "unsafe"
	for path, imp := range p.Imports {
		l.decide(imp)
		info.Imports = append(info.Imports, path)
		info.ImportsRelevant = info.ImportsRelevant || l.relevant[imp]
		src = src || l.source[imp]
	}
	rel := Relevant(l.cfg.Relevance, info, p.GoFiles)
	l.relevant[p] = rel
	l.source[p] = src || rel
}

// Relevant applies r to the package described by info whose Go files are
// files, reading them only if the import graph does not decide: the
// package's text can make it relevant, but not a package of the standard
// library.
func Relevant(r *analyzers.Relevance, info analyzers.PackageInfo, files []string) bool {
	return r.Relevant(info, false) || !info.Standard && r.Relevant(info, mentionsProtocol(files))
}

// mentionsProtocol reads the files and applies analyzers.MentionsProtocol;
// a file that cannot be read counts as a mention, so that the package is
// type-checked and the problem reported.
func mentionsProtocol(files []string) bool {
	for _, name := range files {
		src, err := os.ReadFile(name)
		if err != nil || analyzers.MentionsProtocol(src) {
			return true
		}
	}
	return false
}

var goroot = filepath.Clean(build.Default.GOROOT) + string(filepath.Separator)

func standard(p *packages.Package) bool {
	first := ""
	if len(p.GoFiles) > 0 {
		first = p.GoFiles[0]
	}
	return p.Module == nil && Standard(p.PkgPath, first)
}

// Standard reports whether a package outside any module, of path and with
// file among its files, belongs to the standard library: the file is under
// GOROOT, or the path has no dot in its first element (for a go command
// with another GOROOT than cachevet was built with).
func Standard(path, file string) bool {
	if file != "" && strings.HasPrefix(file, goroot) {
		return true
	}
	return analyzers.StandardPath(path)
}

// typeCheck type-checks the source packages in dependency order, in
// parallel, and reads the export data their imports need.
func (l *loader) typeCheck(all []*packages.Package) error {
	// Every package read from export data gets its types.Package before
	// any is read, so that reading one fills in the packages it refers to
	// instead of creating new ones (as go/packages does).
	for _, p := range all {
		p.Fset = l.fset
		if p.PkgPath == "unsafe" {
			p.Types = types.Unsafe
		} else if !l.source[p] {
			p.Types = types.NewPackage(p.PkgPath, p.Name)
		}
	}
	done := make(map[*packages.Package]chan struct{}, len(all))
	for _, p := range all {
		if l.source[p] {
			done[p] = make(chan struct{})
		}
	}
	var g errgroup.Group
	sem := make(chan struct{}, runtime.GOMAXPROCS(0))
	for _, p := range all {
		if !l.source[p] {
			continue
		}
		g.Go(func() error {
			defer close(done[p])
			for _, imp := range p.Imports {
				if ch := done[imp]; ch != nil {
					<-ch
				}
			}
			sem <- struct{}{}
			defer func() { <-sem }()
			l.checkSource(p)
			return nil
		})
	}
	return g.Wait()
}

// checkSource parses and type-checks p, recording errors as go/packages
// does.
func (l *loader) checkSource(p *packages.Package) {
	appendError := func(err error) {
		switch err := err.(type) {
		case types.Error:
			p.TypeErrors = append(p.TypeErrors, err)
			p.Errors = append(p.Errors, packages.Error{Pos: err.Fset.Position(err.Pos).String(), Msg: err.Msg, Kind: packages.TypeError})
		default:
			p.Errors = append(p.Errors, packages.Error{Pos: "-", Msg: err.Error(), Kind: packages.ParseError})
		}
	}
	files := p.CompiledGoFiles
	fakeC := false
	if len(files) == 0 && len(p.GoFiles) > 0 {
		files, fakeC = p.GoFiles, true // go list could not run cgo
	}
	p.Syntax = make([]*ast.File, 0, len(files))
	for _, name := range files {
		src, err := os.ReadFile(name)
		if err != nil {
			appendError(err)
			continue
		}
		f, err := parser.ParseFile(l.fset, name, src, parser.AllErrors|parser.ParseComments)
		if f != nil {
			p.Syntax = append(p.Syntax, f)
		}
		if list, ok := err.(scanner.ErrorList); ok {
			for _, e := range list {
				p.Errors = append(p.Errors, packages.Error{Pos: e.Pos.String(), Msg: e.Msg, Kind: packages.ParseError})
			}
		} else if err != nil {
			appendError(err)
		}
	}
	p.TypesInfo = &types.Info{
		Types:        make(map[ast.Expr]types.TypeAndValue),
		Defs:         make(map[*ast.Ident]types.Object),
		Uses:         make(map[*ast.Ident]types.Object),
		Implicits:    make(map[ast.Node]types.Object),
		Instances:    make(map[*ast.Ident]types.Instance),
		Scopes:       make(map[ast.Node]*types.Scope),
		Selections:   make(map[*ast.SelectorExpr]*types.Selection),
		FileVersions: make(map[*ast.File]string),
	}
	tc := &types.Config{
		Importer:    importerFunc(func(path string) (*types.Package, error) { return l.importOf(p, path) }),
		Error:       appendError,
		Sizes:       p.TypesSizes,
		FakeImportC: fakeC,
	}
	if p.Module != nil && p.Module.GoVersion != "" {
		tc.GoVersion = "go" + p.Module.GoVersion
	}
	p.Types = types.NewPackage(p.PkgPath, p.Name)
	err := types.NewChecker(tc, l.fset, p.Types, p.TypesInfo).Files(p.Syntax)
	if err != nil && len(p.Errors) == 0 {
		appendError(err)
	}
	p.IllTyped = len(p.Errors) > 0
	for _, imp := range p.Imports {
		p.IllTyped = p.IllTyped || imp.IllTyped
	}
}

// importOf resolves an import of the source package p.
func (l *loader) importOf(p *packages.Package, path string) (*types.Package, error) {
	if path == "unsafe" {
		return types.Unsafe, nil
	}
	imp := p.Imports[path]
	if imp == nil {
		return nil, fmt.Errorf("no metadata for %s", path)
	}
	if l.source[imp] {
		return imp.Types, nil // checked before p
	}
	if err := l.readExport(imp); err != nil {
		return nil, err
	}
	return imp.Types, nil
}

// readExport fills p.Types from p's export data. Reading may also fill in
// the packages p's API refers to, so it is serialized.
func (l *loader) readExport(p *packages.Package) error {
	l.exportMu.Lock()
	defer l.exportMu.Unlock()
	if p.Types.Complete() {
		return nil
	}
	if len(p.Errors) > 0 {
		return fmt.Errorf("no export data for %s", p.PkgPath)
	}
	fail := func(err error) error {
		p.IllTyped = true
		p.Errors = append(p.Errors, packages.Error{Pos: "-", Msg: err.Error(), Kind: packages.UnknownError})
		return err
	}
	if p.ExportFile == "" {
		return fail(fmt.Errorf("no export data for %s", p.PkgPath))
	}
	f, err := os.Open(p.ExportFile)
	if err != nil {
		return fail(err)
	}
	defer f.Close()
	// go list -export names archive files up to Go 1.28, which only
	// NewReader reads (go/packages does the same).
	//lint:ignore SA1019 see above
	r, err := gcexportdata.NewReader(f)
	if err != nil {
		return fail(fmt.Errorf("reading %s: %v", p.ExportFile, err))
	}
	// The export data names packages by path: give it every package of
	// p's closure under its path.
	view := make(map[string]*types.Package)
	var visit func(q *packages.Package)
	visit = func(q *packages.Package) {
		if _, ok := view[q.PkgPath]; ok {
			return
		}
		view[q.PkgPath] = q.Types
		for _, imp := range q.Imports {
			visit(imp)
		}
	}
	visit(p)
	if _, err := gcexportdata.Read(r, l.fset, view, p.PkgPath); err != nil {
		return fail(fmt.Errorf("reading %s: %v", p.ExportFile, err))
	}
	return nil
}

type importerFunc func(path string) (*types.Package, error)

func (f importerFunc) Import(path string) (*types.Package, error) { return f(path) }
