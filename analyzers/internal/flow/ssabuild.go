package flow

import (
	"github.com/cachevet/cachevet/analyzers/internal/ssautil"
	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ssa"
)

// buildSSA builds SSA for the package of pass (see ssautil.Build) and
// orders its source functions callees first.
func buildSSA(pass *analysis.Pass) (*ssa.Package, []*ssa.Function) {
	pkg := ssautil.Build(pass, pass.Files, 0)
	// The package initializer holds the regexps and replacers that guards
	// and sanitizers refer to.
	funcs := ssautil.SourceFuncs(pkg, pass.Files, pass.TypesInfo)
	return pkg, calleesFirst(funcs)
}

// calleesFirst orders funcs so that a function comes after the functions
// it calls and the closures it makes, as far as recursion allows: a round
// of the fixed point then sees every callee's summary already computed, so
// only recursive functions need further rounds. The order is otherwise
// that of funcs, which keeps it deterministic.
func calleesFirst(funcs []*ssa.Function) []*ssa.Function {
	local := make(map[*ssa.Function]bool, len(funcs))
	for _, fn := range funcs {
		local[fn] = true
	}
	out := make([]*ssa.Function, 0, len(funcs))
	seen := make(map[*ssa.Function]bool, len(funcs))
	var visit func(fn *ssa.Function)
	visit = func(fn *ssa.Function) {
		if seen[fn] {
			return
		}
		seen[fn] = true
		for _, b := range fn.Blocks {
			for _, instr := range b.Instrs {
				var callee *ssa.Function
				switch in := instr.(type) {
				case ssa.CallInstruction:
					callee = in.Common().StaticCallee()
				case *ssa.MakeClosure:
					callee, _ = in.Fn.(*ssa.Function)
				}
				if callee != nil && callee.Origin() != nil {
					callee = callee.Origin()
				}
				if callee != nil && local[callee] {
					visit(callee)
				}
			}
		}
		out = append(out, fn)
	}
	for _, fn := range funcs {
		visit(fn)
	}
	return out
}
