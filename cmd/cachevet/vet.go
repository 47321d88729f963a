package main

import (
	"bytes"
	"encoding/binary"
	"encoding/json"
	"fmt"
	"go/ast"
	"go/build"
	"go/parser"
	"go/token"
	"go/types"
	"os"

	"github.com/cachevet/cachevet/analyzers"
	"github.com/cachevet/cachevet/cmd/cachevet/internal/load"
	"golang.org/x/tools/go/gcexportdata"
)

// vetUnit is the part of go vet's per-package configuration (the .cfg
// file, see cmd/go's vetConfig) that exitEarly reads.
type vetUnit struct {
	ImportPath    string
	GoFiles       []string
	GoVersion     string
	ModulePath    string
	ModuleVersion string
	ImportMap     map[string]string // import path in source -> package path
	PackageVetx   map[string]string // package path -> its vetx file
	VetxOnly      bool
	VetxOutput    string
}

// exitEarly handles go vet's runs on dependencies that cannot carry a fact
// cachevet needs (see analyzers.Relevance), and reports whether it did.
// go vet runs the tool on every dependency of the vetted packages, the
// standard library included, and unitchecker type-checks each one from
// source, bodies and all, to pass its types on to its importers. For such
// a dependency only the types are needed: exitEarly type-checks it without
// function bodies, builds no SSA, runs no analyzer, and writes the types
// with no facts. A dependency is relevant if one of its imports is, which
// the facts in that import's vetx file tell: an analyzed package always
// has some, a skipped one never. Whenever something is unusual (a type
// error, an unreadable file), it returns false and unitchecker runs as
// usual, reporting what it finds.
func exitEarly(cfgFile string, cl cmdline) bool {
	data, err := os.ReadFile(cfgFile)
	if err != nil {
		return false
	}
	var u vetUnit
	if err := json.Unmarshal(data, &u); err != nil || !u.VetxOnly || u.VetxOutput == "" || len(u.GoFiles) == 0 {
		return false
	}
	if cl.setOptions() != nil {
		return false // multichecker reports the bad value
	}
	entries := make(map[string]vetxEntry, len(u.PackageVetx))
	info := analyzers.PackageInfo{
		Path:      u.ImportPath,
		Standard:  u.ModulePath == "" && load.Standard(u.ImportPath, u.GoFiles[0]),
		Versioned: u.ModuleVersion != "",
	}
	for _, path := range u.ImportMap {
		info.Imports = append(info.Imports, path)
		if file, ok := u.PackageVetx[path]; ok {
			e, err := readVetx(file)
			if err != nil {
				return false
			}
			entries[path] = e
			info.ImportsRelevant = info.ImportsRelevant || len(e.facts) > 0
		}
	}
	if load.Relevant(analyzers.NewRelevance(), info, u.GoFiles) {
		return false
	}

	fset := token.NewFileSet()
	var files []*ast.File
	for _, name := range u.GoFiles {
		f, err := parser.ParseFile(fset, name, nil, parser.SkipObjectResolution)
		if err != nil {
			return false
		}
		files = append(files, f)
	}
	imports := make(map[string]*types.Package)
	tc := &types.Config{
		Importer: importerFunc(func(importPath string) (*types.Package, error) {
			path, ok := u.ImportMap[importPath]
			if !ok {
				return nil, fmt.Errorf("can't resolve import %q", importPath)
			}
			if path == "unsafe" {
				return types.Unsafe, nil
			}
			if pkg := imports[path]; pkg != nil && pkg.Complete() {
				return pkg, nil
			}
			e, ok := entries[path]
			if !ok {
				return nil, fmt.Errorf("no vetx file for %q", path)
			}
			return gcexportdata.Read(bytes.NewReader(append([]byte("i"), e.types...)), fset, imports, path)
		}),
		IgnoreFuncBodies: true,
		Sizes:            types.SizesFor("gc", build.Default.GOARCH),
		GoVersion:        u.GoVersion,
	}
	pkg, err := tc.Check(u.ImportPath, fset, files, nil)
	if err != nil {
		return false
	}
	return writeVetx(u.VetxOutput, fset, pkg) == nil
}

// vetx files are unitchecker's (golang.org/x/tools/go/analysis/unitchecker,
// as of the version in go.mod): "vetx", the lengths of the two parts as
// little-endian uint32s, the package's types in indexed export data
// format, then its facts. The e2e test runs go vet over packages written
// both ways.
const vetxMagic = "vetx"

type vetxEntry struct{ types, facts []byte }

func readVetx(file string) (vetxEntry, error) {
	data, err := os.ReadFile(file)
	if err != nil {
		return vetxEntry{}, err
	}
	if len(data) < 12 || string(data[:4]) != vetxMagic {
		return vetxEntry{}, fmt.Errorf("%s: not a vetx file", file)
	}
	nt, nf := uint64(binary.LittleEndian.Uint32(data[4:8])), uint64(binary.LittleEndian.Uint32(data[8:12]))
	if 12+nt+nf > uint64(len(data)) {
		return vetxEntry{}, fmt.Errorf("%s: truncated vetx file", file)
	}
	return vetxEntry{types: data[12 : 12+nt], facts: data[12+nt : 12+nt+nf]}, nil
}

// writeVetx writes pkg's types with no facts.
func writeVetx(file string, fset *token.FileSet, pkg *types.Package) error {
	var exp bytes.Buffer
	if err := gcexportdata.Write(&exp, fset, pkg); err != nil {
		return err
	}
	typ := exp.Bytes()[1:] // without the format byte 'i' that Write adds
	var buf bytes.Buffer
	buf.WriteString(vetxMagic)
	binary.Write(&buf, binary.LittleEndian, uint32(len(typ)))
	binary.Write(&buf, binary.LittleEndian, uint32(0))
	buf.Write(typ)
	return os.WriteFile(file, buf.Bytes(), 0o666)
}

type importerFunc func(path string) (*types.Package, error)

func (f importerFunc) Import(path string) (*types.Package, error) { return f(path) }
