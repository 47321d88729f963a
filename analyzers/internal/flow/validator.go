package flow

import (
	"go/constant"
	"go/token"

	"github.com/cachevet/cachevet/analyzers/internal/model"
	"github.com/cachevet/cachevet/analyzers/internal/ssautil"
	"golang.org/x/tools/go/ssa"
)

// Validators are inferred from their bodies, without annotation: a
// function returning a bool, or an error last, proves of a parameter
// what holds on every path that returns true (or a nil error), that is,
// what the guards on those paths prove about it. Returns that fail drop
// out: a false constant, a value that is never a nil error (errors.New,
// fmt.Errorf, a non-nil interface), an error the path checked to be
// non-nil (`if err != nil { return err }`). The rest count with the guards
// that dominate them and, for a returned call or condition, what its
// success proves:
//
//	func Valid(s string) bool { if len(s) > 64 { return false }; for ... { return false }; return true }
//	func Check(s string) error { if !Valid(s) { return ErrBad }; return nil }
//	func CheckAll(s string) error { return Check(s) }
//
// The summary (Summary.Proves) is exported as a fact, so a guard calling
// the function in another package proves the key on the path it
// dominates, for keyinjection and keylength alike.

// inferValidators summarizes what the success of each of the package's
// functions proves about its text parameters. Functions are visited
// callees first, so a wrapper sees what its validator proves; a cycle
// of functions is visited once, without what its members prove of each
// other, which only loses proofs.
func (e *engine) inferValidators() {
	for _, fn := range e.funcs {
		success, ok := successOf(fn.Signature.Results())
		if !ok || len(fn.Blocks) == 0 || hasDefer(fn) {
			continue
		}
		declared := -1
		if s := e.sums[fn]; s != nil && s.Validator {
			if d, ok := declaredValidation(fn.Signature); ok {
				declared = d.Arg
			}
		}
		var proves []model.Validation
		for i, p := range fn.Params {
			if i != declared && !ssautil.IsString(p.Type()) && !ssautil.IsBytes(p.Type()) {
				continue
			}
			pr := e.successProof(fn, p, success)
			if i == declared {
				pr = pr.and(proofOf(model.AnyUnsafe, model.NoBound))
			}
			if pr.says() {
				proves = append(proves, pr.validation(i, success))
			}
		}
		if len(proves) > 0 {
			e.summary(fn).Proves = proves
		}
	}
}

// hasDefer reports whether fn defers a call, which may change its named
// results after it returns (a recover turning a failure into nil).
func hasDefer(fn *ssa.Function) bool {
	for _, b := range fn.Blocks {
		for _, instr := range b.Instrs {
			if _, ok := instr.(*ssa.Defer); ok {
				return true
			}
		}
	}
	return false
}

// successProof is what every successful return of fn proves about its
// parameter p; nothing if no return can succeed.
func (e *engine) successProof(fn *ssa.Function, p *ssa.Parameter, success model.Success) proof {
	acc, succeeds := impossible, false
	for _, b := range fn.Blocks {
		ret, ok := b.Instrs[len(b.Instrs)-1].(*ssa.Return)
		if !ok || len(ret.Results) == 0 {
			continue
		}
		v := ret.Results[0]
		if success == model.NilError {
			v = ret.Results[len(ret.Results)-1]
		}
		if q, ok := e.returnProof(p, v, b, success, 0); ok {
			acc, succeeds = acc.or(q), true
		}
	}
	if !succeeds {
		return noProof
	}
	return acc
}

// returnProof is what returning v from block b proves about p if v is a
// success; ok is false if it never is.
func (e *engine) returnProof(p *ssa.Parameter, v ssa.Value, b *ssa.BasicBlock, success model.Success, depth int) (proof, bool) {
	at := e.provenAt(p, b)
	if c, ok := v.(*ssa.Const); ok {
		switch {
		case success == model.TrueResult && c.Value != nil && c.Value.Kind() == constant.Bool:
			return at, constant.BoolVal(c.Value)
		case success == model.NilError && c.IsNil():
			return at, true
		}
	}
	if success == model.NilError && (e.neverNil(v) || e.checkedNonNil(v, b)) {
		return proof{}, false
	}
	if phi, ok := v.(*ssa.Phi); ok && depth < 4 {
		acc, succeeds := impossible, false
		for i, edge := range phi.Edges {
			pred := phi.Block().Preds[i]
			if q, ok := e.returnProof(p, edge, pred, success, depth+1); ok {
				acc, succeeds = acc.or(q.and(e.edgeProof(p, pred, phi.Block()))), true
			}
		}
		return acc.and(at), succeeds
	}
	var conds []condition
	if success == model.TrueResult {
		conds = e.conditions(v, true, 0)
	} else {
		conds = e.successConditions(v, success)
	}
	for _, c := range conds {
		if c.whenTrue && e.sameVar(c.x, p) {
			at = at.and(c.proof)
		}
	}
	return at, true
}

// edgeProof is what the guards on the edge pred -> succ prove about v.
func (e *engine) edgeProof(v ssa.Value, pred, succ *ssa.BasicBlock) proof {
	p := noProof
	for _, g := range e.guardsOf(pred.Parent()) {
		if g.block == pred && pred.Succs[g.valid] == succ && e.sameVar(g.x, v) {
			p = p.and(g.proof)
		}
	}
	return p
}

// neverNil reports whether v, an error, cannot be nil: an interface made
// of a concrete value (even a nil pointer), or the result of a function
// the model says is never nil, perhaps through a package variable.
func (e *engine) neverNil(v ssa.Value) bool {
	if _, ok := v.(*ssa.MakeInterface); ok {
		return true
	}
	switch x := e.resolve(v).(type) {
	case *ssa.MakeInterface:
		return true
	case *ssa.Call:
		return e.calleeOf(x.Common()).row().NeverNil
	}
	return false
}

// checkedNonNil reports whether b is reached only where v was found not
// nil: in `if err != nil { return err }`.
func (e *engine) checkedNonNil(v ssa.Value, b *ssa.BasicBlock) bool {
	for _, ib := range b.Parent().Blocks {
		if len(ib.Instrs) == 0 {
			continue
		}
		ifInstr, ok := ib.Instrs[len(ib.Instrs)-1].(*ssa.If)
		if !ok {
			continue
		}
		cmp, ok := ifInstr.Cond.(*ssa.BinOp)
		if !ok || cmp.Op != token.NEQ && cmp.Op != token.EQL {
			continue
		}
		x, y := cmp.X, cmp.Y
		if c, ok := x.(*ssa.Const); ok && c.IsNil() {
			x, y = y, x
		}
		if c, ok := y.(*ssa.Const); !ok || !c.IsNil() || x != v {
			continue
		}
		nonNil := ib.Succs[0]
		if cmp.Op == token.EQL {
			nonNil = ib.Succs[1]
		}
		if len(nonNil.Preds) == 1 && nonNil.Dominates(b) {
			return true
		}
	}
	return false
}
