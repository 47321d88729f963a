package model

import (
	"go/types"
	"regexp"
	"sort"
	"strings"
	"testing"

	"golang.org/x/tools/go/packages"
)

// fullName is the shape of types.Func.FullName: "path.Func",
// "(path.Type).Method" or "(*path.Type).Method", a generic type's
// receiver naming its type parameters as declared ("(*path.Type[_])").
var fullName = regexp.MustCompile(`^(?:\((\*?)([a-z0-9][a-zA-Z0-9_.\-/]*)\.([A-Za-z_][A-Za-z0-9_]*)(?:\[[A-Za-z0-9_, ]+\])?\)|([a-z0-9][a-zA-Z0-9_.\-/]*))\.([A-Za-z_][A-Za-z0-9_]*)$`)

// splitFullName returns the package path, the receiver type name ("" for
// a function) and the function's name.
func splitFullName(name string) (path, recv, fn string, ok bool) {
	m := fullName.FindStringSubmatch(name)
	if m == nil {
		return "", "", "", false
	}
	if m[2] != "" {
		return m[2], m[3], m[5], true
	}
	return m[4], "", m[5], true
}

func standard(path string) bool { return !strings.Contains(strings.Split(path, "/")[0], ".") }

// modelFuncNames are the function names of every table of the model:
// the rows of Funcs and those of the exposure tables.
func modelFuncNames() []string {
	var names []string
	for name := range Funcs {
		names = append(names, name)
	}
	for _, l := range Listeners {
		names = append(names, l.Func)
	}
	for _, f := range StringFlags {
		names = append(names, f.Func)
	}
	for _, l := range Launchers {
		names = append(names, l.Func)
	}
	for _, c := range ServerListCalls(BuiltinClients) {
		names = append(names, c.Func)
	}
	for _, c := range BuiltinClients {
		for _, call := range c.Calls {
			names = append(names, c.FuncName(call.Func))
		}
	}
	return names
}

// TestFuncNamesResolve checks that every row is keyed by a well-formed
// full name and, for the standard library, by the full name of a function
// or method that exists: a typo would make a row silently never apply.
func TestFuncNamesResolve(t *testing.T) {
	byPkg := make(map[string][]string)
	for _, name := range modelFuncNames() {
		path, _, _, ok := splitFullName(name)
		if !ok {
			t.Errorf("%q is not a types.Func full name", name)
			continue
		}
		if standard(path) {
			byPkg[path] = append(byPkg[path], name)
		}
	}
	var paths []string
	for p := range byPkg {
		paths = append(paths, p)
	}
	sort.Strings(paths)
	pkgs, err := packages.Load(&packages.Config{Mode: packages.NeedName | packages.NeedTypes}, paths...)
	if err != nil {
		t.Fatal(err)
	}
	loaded := make(map[string]*types.Package)
	for _, p := range pkgs {
		for _, e := range p.Errors {
			t.Errorf("loading %s: %v", p.PkgPath, e)
		}
		loaded[p.PkgPath] = p.Types
	}
	for _, path := range paths {
		pkg := loaded[path]
		if pkg == nil {
			t.Errorf("package %s of %v is not in the standard library", path, byPkg[path])
			continue
		}
		for _, name := range byPkg[path] {
			if fn := lookupFunc(pkg, name); fn == nil || fn.FullName() != name {
				t.Errorf("%s names no function of %s", name, path)
			}
		}
	}
}

// lookupFunc finds the function or method a full name denotes in pkg.
func lookupFunc(pkg *types.Package, name string) *types.Func {
	_, recv, fn, _ := splitFullName(name)
	if recv == "" {
		f, _ := pkg.Scope().Lookup(fn).(*types.Func)
		return f
	}
	tn, ok := pkg.Scope().Lookup(recv).(*types.TypeName)
	if !ok {
		return nil
	}
	typ := tn.Type()
	if !types.IsInterface(typ) {
		typ = types.NewPointer(typ) // the method set of *T holds T's methods too
	}
	obj, _, _ := types.LookupFieldOrMethod(typ, true, pkg, fn)
	f, _ := obj.(*types.Func)
	return f
}

func TestSplitFullName(t *testing.T) {
	for _, tc := range []struct{ name, path, recv, fn string }{
		{"fmt.Sprintf", "fmt", "", "Sprintf"},
		{"(*net/http.Request).FormValue", "net/http", "Request", "FormValue"},
		{"(net/url.Values).Encode", "net/url", "Values", "Encode"},
		{"gopkg.in/yaml.v3.Marshal", "gopkg.in/yaml.v3", "", "Marshal"},
		{"(*github.com/gofiber/fiber/v2.Ctx).Params", "github.com/gofiber/fiber/v2", "Ctx", "Params"},
		{"(*connectrpc.com/connect.Request[_]).Header", "connectrpc.com/connect", "Request", "Header"},
	} {
		path, recv, fn, ok := splitFullName(tc.name)
		if !ok || path != tc.path || recv != tc.recv || fn != tc.fn {
			t.Errorf("splitFullName(%q) = %q, %q, %q, %v; want %q, %q, %q", tc.name, path, recv, fn, ok, tc.path, tc.recv, tc.fn)
		}
	}
	for _, bad := range []string{"Sprintf", "fmt.", "fmt.Sprintf ", "(fmt.Stringer.String", "(*net/http.Request)FormValue", "fmt:Sprintf"} {
		if _, _, _, ok := splitFullName(bad); ok {
			t.Errorf("splitFullName(%q) accepted a malformed name", bad)
		}
	}
}

// TestFuncRowsConsistent checks the fields of a row that only mean
// something together.
func TestFuncRowsConsistent(t *testing.T) {
	for name, f := range Funcs {
		if (f.From != nil || f.Into != 0) && !f.Modelled() {
			t.Errorf("%s: From or Into without a transform or source is never applied", name)
		}
		switch l := f.Length; l.Kind {
		case LengthScaled:
			if l.Num <= 0 || l.Den <= 0 {
				t.Errorf("%s: scaled length %d/%d", name, l.Num, l.Den)
			}
		case LengthCollection:
			if l.Desc == "" {
				t.Errorf("%s: a collection length needs a description", name)
			}
		}
		if f.Encoder != nil && f.Encoder.Name == "" {
			t.Errorf("%s: an encoder needs a name for diagnostics and summaries", name)
		}
		if f.Source != nil && f.Source.Desc == "" {
			t.Errorf("%s: a source needs a description", name)
		}
	}
}
