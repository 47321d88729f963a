package ssautil

import (
	"go/ast"
	"go/types"

	"golang.org/x/tools/go/ssa"
)

// SourceFuncs returns the functions of pkg written in files: every declared
// function and method with a body, the closures inside them, and the
// package initializer, which holds the package variables' values. A
// declaration whose body files leaves out is left out, even if pkg was
// built from one that has it.
func SourceFuncs(pkg *ssa.Package, files []*ast.File, info *types.Info) []*ssa.Function {
	var funcs []*ssa.Function
	var add func(fn *ssa.Function)
	add = func(fn *ssa.Function) {
		funcs = append(funcs, fn)
		for _, anon := range fn.AnonFuncs {
			add(anon)
		}
	}
	for _, file := range files {
		for _, decl := range file.Decls {
			if decl, ok := decl.(*ast.FuncDecl); ok && decl.Body != nil {
				obj, _ := info.Defs[decl.Name].(*types.Func)
				if fn := pkg.Prog.FuncValue(obj); fn != nil && fn.Blocks != nil {
					add(fn)
				}
			}
		}
	}
	if init := pkg.Func("init"); init != nil {
		add(init)
	}
	return funcs
}
