package model

import (
	"go/types"
	"os/exec"
	"sort"
	"testing"

	"golang.org/x/tools/go/packages"
)

// TestRowsMatchRealLibraries checks the rows of third-party functions
// against the real libraries, at the versions testdata/reallibs requires
// (the versions the rows were read from): each row names a function of
// the library, an encoder is given the value it encodes as an interface
// (Marshal(v), (*Encoder).Encode(v)), and a constructor that wraps a
// writer takes an io.Writer first.
func TestRowsMatchRealLibraries(t *testing.T) {
	if _, err := exec.LookPath("go"); err != nil {
		t.Skip("the go command is not on PATH")
	}
	if testing.Short() {
		t.Skip("loads real modules")
	}
	pkgs, err := packages.Load(&packages.Config{Mode: packages.NeedName | packages.NeedTypes | packages.NeedImports | packages.NeedDeps, Dir: "testdata/reallibs"}, ".")
	if err != nil {
		t.Fatal(err)
	}
	if len(pkgs) != 1 {
		t.Fatalf("loaded %d packages, want testdata/reallibs alone", len(pkgs))
	}
	libs := map[string]*types.Package{}
	for path, p := range pkgs[0].Imports {
		for _, e := range p.Errors {
			t.Errorf("%s: %v", path, e)
		}
		libs[path] = p.Types
	}
	var names []string
	for name := range Funcs {
		if path, _, _, ok := splitFullName(name); ok && libs[path] != nil {
			names = append(names, name)
		}
	}
	sort.Strings(names)
	if len(names) == 0 {
		t.Fatal("no row names a function of testdata/reallibs' libraries")
	}
	for _, name := range names {
		path, _, _, _ := splitFullName(name)
		fn := lookupFunc(libs[path], name)
		if fn == nil || fn.FullName() != name {
			t.Errorf("%s names no function of %s", name, path)
			continue
		}
		sig, row := fn.Signature(), Funcs[name]
		if row.Encoder != nil && (sig.Params().Len() == 0 || !types.IsInterface(sig.Params().At(0).Type())) {
			t.Errorf("%s: an encoder's first parameter is the value, as an interface: %s", name, sig)
		}
		if row.WrapsWriter && (sig.Params().Len() == 0 || sig.Params().At(0).Type().String() != "io.Writer") {
			t.Errorf("%s: a constructor that wraps a writer takes an io.Writer first: %s", name, sig)
		}
	}
	t.Logf("checked %v", names)
}
