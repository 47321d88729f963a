package flow

import (
	"go/types"
	"os/exec"
	"strings"
	"testing"

	"github.com/cachevet/cachevet/analyzers/internal/model"
	"golang.org/x/tools/go/packages"
)

// realSourcePackages are the packages of testdata/realsources: the
// frameworks whose sources the model describes, at the versions the rows
// were read from, and generated code of gRPC (the health service) and of
// gqlgen (its integration server) for the shapes model.Services expects.
var realSourcePackages = []string{
	"connectrpc.com/connect",
	"github.com/99designs/gqlgen/graphql",
	"github.com/julienschmidt/httprouter",
	"google.golang.org/grpc",
	"google.golang.org/grpc/metadata",
	"gopkg.in/macaron.v1",
	"google.golang.org/grpc/health/grpc_health_v1",
	"github.com/99designs/gqlgen/integration/server",
}

// TestSourcesMatchLibraries checks the source rows of the frameworks
// against the real modules: every row of model.Funcs and
// model.FieldSources of one of their packages names a function, method or
// field that exists, and model.Services recognizes the interfaces of real
// generated code, whose handlers take what the rows expect.
func TestSourcesMatchLibraries(t *testing.T) {
	if _, err := exec.LookPath("go"); err != nil {
		t.Skip("the go command is not on PATH")
	}
	if testing.Short() {
		t.Skip("loads the real framework modules")
	}
	pkgs, err := packages.Load(&packages.Config{Mode: packages.NeedName | packages.NeedTypes, Dir: "testdata/realsources"}, realSourcePackages...)
	if err != nil {
		t.Fatal(err)
	}
	byPath := map[string]*types.Package{}
	for _, p := range pkgs {
		for _, e := range p.Errors {
			t.Errorf("%s: %v", p.PkgPath, e)
		}
		byPath[p.PkgPath] = p.Types
	}
	names := map[string]bool{} // the full names of every function and method
	for _, pkg := range byPath {
		for _, n := range pkg.Scope().Names() {
			switch obj := pkg.Scope().Lookup(n).(type) {
			case *types.Func:
				names[obj.FullName()] = true
			case *types.TypeName:
				for _, typ := range []types.Type{obj.Type(), types.NewPointer(obj.Type())} {
					ms := types.NewMethodSet(typ)
					for i := 0; i < ms.Len(); i++ {
						names[ms.At(i).Obj().(*types.Func).FullName()] = true
					}
				}
			}
		}
	}
	checked := 0
	for name := range model.Funcs {
		if byPath[rowPackage(name)] == nil {
			continue
		}
		checked++
		if !names[name] {
			t.Errorf("model.Funcs row %s names no function or method of the real module", name)
		}
	}
	for key := range model.FieldSources {
		i := strings.LastIndex(key, ".")
		j := strings.LastIndex(key[:i], ".")
		pkg := byPath[key[:j]]
		if pkg == nil {
			continue
		}
		checked++
		tn, _ := pkg.Scope().Lookup(key[j+1 : i]).(*types.TypeName)
		if tn == nil {
			t.Errorf("model.FieldSources %s: no type %s", key, key[j+1:i])
			continue
		}
		if obj, _, _ := types.LookupFieldOrMethod(tn.Type(), true, pkg, key[i+1:]); obj == nil {
			t.Errorf("model.FieldSources %s: no field %s", key, key[i+1:])
		} else if _, ok := obj.(*types.Var); !ok {
			t.Errorf("model.FieldSources %s is not a field", key)
		}
	}
	if checked == 0 {
		t.Fatal("no row names a package of testdata/realsources")
	}
	for i := range model.Services {
		s := &model.Services[i]
		var found []serviceInterface
		for _, path := range []string{"google.golang.org/grpc/health/grpc_health_v1", "github.com/99designs/gqlgen/integration/server"} {
			scope := byPath[path].Scope()
			for _, n := range scope.Names() {
				if fn, ok := scope.Lookup(n).(*types.Func); ok {
					found = append(found, generatedServices(s, fn.Signature())...)
				}
			}
		}
		if len(found) == 0 {
			t.Errorf("service %q recognizes no interface of the real generated code", s.Desc)
			continue
		}
		for _, si := range found {
			for j := 0; j < si.iface.NumMethods(); j++ {
				m := si.iface.Method(j)
				if !m.Exported() {
					continue
				}
				ps := m.Signature().Params()
				// gRPC's streaming handlers take the stream's context in
				// the stream, gqlgen's resolvers always take one first.
				if s.Message == "" && (ps.Len() == 0 || !isContext(ps.At(0).Type())) {
					t.Errorf("service %q: handler %s does not take a context first", s.Desc, m.FullName())
					continue
				}
				if si.parent && ps.Len() < 2 {
					t.Errorf("service %q: object resolver %s takes no parent object", s.Desc, m.FullName())
				}
				if s.Message == "" {
					continue
				}
				messages := 0
				for k := 0; k < ps.Len(); k++ {
					if hasMethodNamed(ps.At(k).Type(), s.Message) {
						messages++
					}
				}
				if streaming := strings.Contains(m.Signature().String(), "Stream"); messages == 0 && !streaming {
					t.Errorf("service %q: handler %s takes no message with method %s", s.Desc, m.FullName(), s.Message)
				}
			}
		}
	}
}

// rowPackage is the package path of a full name: "path.Func",
// "(path.Type).Method" or "(*path.Type[_]).Method".
func rowPackage(name string) string {
	if strings.HasPrefix(name, "(") {
		name = strings.TrimPrefix(name[1:strings.Index(name, ")")], "*")
		if i := strings.Index(name, "["); i >= 0 {
			name = name[:i]
		}
	}
	return name[:strings.LastIndex(name, ".")]
}
