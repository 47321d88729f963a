package flow

import (
	"go/types"
	"os/exec"
	"strings"
	"testing"

	"github.com/cachevet/cachevet/analyzers/internal/model"
	"golang.org/x/tools/go/packages"
)

// TestBuiltinClientsMatchLibraries checks every built-in client
// description against the real library, at the version it was read from
// (testdata/realclients): each call exists on the described type, its key
// is where the description says and of a type that fits the shape, its
// value parameter exists, and each server list call takes a string (or
// strings) where the description says. pior/memcache is not served by
// the module proxy and is checked against its stub only.
func TestBuiltinClientsMatchLibraries(t *testing.T) {
	if _, err := exec.LookPath("go"); err != nil {
		t.Skip("the go command is not on PATH")
	}
	if testing.Short() {
		t.Skip("loads the real client modules")
	}
	paths := map[string]bool{}
	for _, c := range model.BuiltinClients {
		if c.Path != "github.com/pior/memcache" {
			paths[c.Path] = true
		}
	}
	var list []string
	for p := range paths {
		list = append(list, p)
	}
	pkgs, err := packages.Load(&packages.Config{Mode: packages.NeedName | packages.NeedTypes, Dir: "testdata/realclients"}, list...)
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
	for i := range model.BuiltinClients {
		c := &model.BuiltinClients[i]
		pkg := byPath[c.Path]
		if pkg == nil {
			continue
		}
		if pkg.Name() != c.Package() {
			t.Errorf("%s: package %s is named %s, the description says %s", c.Name, c.Path, pkg.Name(), c.Package())
		}
		for _, call := range c.Calls {
			fn := lookupFunc(pkg, c.Type, call.Func)
			if fn == nil {
				t.Errorf("%s: %s does not exist", c.Name, c.FuncName(call.Func))
				continue
			}
			sig := fn.Signature()
			if call.Key > sig.Params().Len() || !shapeFits(sig.Params().At(call.Key-1).Type(), call.Shape, c) {
				t.Errorf("%s: %s: parameter %d is not a key of shape %s: %s", c.Name, fn.FullName(), call.Key, call.Shape, sig)
			}
			if call.Value > sig.Params().Len() {
				t.Errorf("%s: %s has no parameter %d for the value: %s", c.Name, fn.FullName(), call.Value, sig)
			}
		}
		for _, s := range c.Servers {
			fn := lookupFunc(pkg, s.Type, s.Func)
			if fn == nil {
				t.Errorf("%s: server list call %s does not exist", c.Name, s.Func)
				continue
			}
			sig := fn.Signature()
			if s.Arg > sig.Params().Len() || !strings.Contains(sig.Params().At(s.Arg-1).Type().String(), "string") {
				t.Errorf("%s: %s: parameter %d is not the servers: %s", c.Name, fn.FullName(), s.Arg, sig)
			}
		}
	}
}

// lookupFunc finds a package function (typ "") or a method of typ,
// promoted ones and an interface's included.
func lookupFunc(pkg *types.Package, typ, name string) *types.Func {
	if typ == "" {
		fn, _ := pkg.Scope().Lookup(name).(*types.Func)
		return fn
	}
	tn, ok := pkg.Scope().Lookup(strings.TrimPrefix(typ, "*")).(*types.TypeName)
	if !ok {
		return nil
	}
	var t types.Type = tn.Type()
	if strings.HasPrefix(typ, "*") {
		t = types.NewPointer(t)
	}
	obj, _, _ := types.LookupFieldOrMethod(t, true, pkg, name)
	fn, _ := obj.(*types.Func)
	return fn
}
