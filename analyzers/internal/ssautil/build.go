package ssautil

import (
	"go/ast"
	"go/types"

	"github.com/cachevet/cachevet/analyzers/internal/model"
	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ssa"
)

// Build builds the SSA form of the package of pass written in files (the
// pass's own, or copies with fewer bodies), as the buildssa pass does but
// without ctrlflow: ctrlflow exports facts, which would make every driver
// build CFGs for every dependency. The few functions that never return and
// matter for guards come from the model instead. Every cachevet analyzer
// builds with this, so that a package built once serves all of them alike.
func Build(pass *analysis.Pass, files []*ast.File, mode ssa.BuilderMode) *ssa.Package {
	prog := ssa.NewProgram(pass.Fset, mode|ssa.InstantiateGenerics)
	prog.SetNoReturn(func(fn *types.Func) bool { return model.Funcs[fn.FullName()].NoReturn })
	for _, p := range pass.Pkg.Imports() {
		prog.CreatePackage(p, nil, nil, true)
	}
	pkg := prog.CreatePackage(pass.Pkg, files, pass.TypesInfo, false)
	pkg.Build()
	return pkg
}
