package flow

import (
	"go/token"
	"go/types"

	"github.com/cachevet/cachevet/analyzers/internal/model"
	"github.com/cachevet/cachevet/analyzers/internal/ssautil"
	"golang.org/x/tools/go/ssa"
)

// visit applies the transfer function of every instruction of fn once.
func (e *engine) visit(fn *ssa.Function) {
	for _, b := range fn.Blocks {
		for _, instr := range b.Instrs {
			e.transfer(instr)
		}
	}
}

func (e *engine) transfer(instr ssa.Instruction) {
	switch in := instr.(type) {
	case *ssa.Store:
		root, path := e.addr(in.Addr)
		e.storeValue(root, path, in.Val, in)
		e.noteSharedStore(root, in, e.vals[in.Val])
	case *ssa.MapUpdate:
		root, path := e.addr(in.Map)
		e.storeAt(root, path+mapKeys, e.read(in.Key, in))
		e.storeValue(root, path+mapValues, in.Value, in)
	case *ssa.Send:
		e.store(in.Chan, e.read(in.X, in))
	case *ssa.MakeClosure:
		fn := in.Fn.(*ssa.Function)
		for i, fv := range fn.FreeVars {
			if i < len(in.Bindings) {
				e.bind(fv, in.Bindings[i])
				e.setVal(fv, e.read(in.Bindings[i], in))
			}
		}
	case *ssa.Return:
		e.returns(in)
	case *ssa.Call:
		e.checkSinks(in)
		e.setVal(in, e.callTaint(in))
	case *ssa.Go:
		e.checkSinks(in)
		e.callEffects(in.Common(), in)
	case *ssa.Defer:
		e.checkSinks(in)
		e.callEffects(in.Common(), in)
	case ssa.Value:
		e.setVal(in, e.valueTaint(in))
	}
}

// storeValue stores v at part path of root: a struct whose fields the
// engine tracks apart is copied field by field, and so is the struct a
// pointer points to (its fields become parts under path: c.inner =
// &inner{...} keeps inner's help text out of c.inner.prefix); anything
// else is stored as a whole.
func (e *engine) storeValue(root ssa.Value, path string, v ssa.Value, at ssa.Instruction) {
	switch {
	case isStruct(v.Type()):
		if sr, sp, ok := e.valueAddr(v); ok {
			e.copyParts(root, path, sr, sp, v.Type())
			return
		}
	case structPointer(v.Type()):
		// A struct that points to itself (n.next = n) would copy its
		// own parts into ever longer paths: it is stored whole.
		if sr, sp := e.addr(v); sr != root {
			if _, isConst := v.(*ssa.Const); isConst {
				break
			}
			e.copyParts(root, path, sr, sp, v.Type().Underlying().(*types.Pointer).Elem())
			if sr != v {
				e.storeAt(root, path, e.vals[v])
			}
			return
		}
	}
	e.storeAt(root, path, e.read(v, at))
}

func (e *engine) bind(fv *ssa.FreeVar, v ssa.Value) {
	for _, x := range e.bindings[fv] {
		if x == v {
			return
		}
	}
	e.bindings[fv] = append(e.bindings[fv], v)
}

// valueTaint computes the taint of a value-producing instruction other than
// a call.
func (e *engine) valueTaint(v ssa.Value) Taint {
	instr := v.(ssa.Instruction)
	if x, ok := ssautil.CopiedFrom(v); ok {
		return e.read(x, instr)
	}
	switch x := v.(type) {
	case *ssa.BinOp:
		if x.Op != token.ADD {
			return nil
		}
		return e.union(instr, x.X, x.Y)
	case *ssa.UnOp:
		if x.Op == token.MUL {
			return e.load(x.X, instr)
		}
		return e.read(x.X, instr) // <-ch is handled by read of the channel's heap
	case *ssa.Phi:
		var t Taint
		for _, edge := range x.Edges {
			mergeInto(&t, e.read(edge, instr), model.AnyUnsafe)
		}
		return t
	case *ssa.Slice:
		return e.read(x.X, instr)
	case *ssa.Extract:
		if m, part, ok := mapRangePart(x); ok {
			return e.readPath(m, part, instr)
		}
		t := e.read(x.Tuple, instr)
		if _, ok := x.Tuple.(*ssa.Call); ok {
			mergeInto(&t, e.heapUnder(x.Tuple, tuplePart(x.Index)), model.AnyUnsafe)
		}
		return t
	case *ssa.Field:
		t := e.fieldValue(x, instr)
		mergeInto(&t, e.fieldSensitive(x.X.Type(), x.Field, instr), model.AnyUnsafe)
		return t
	case *ssa.Index:
		return e.read(x.X, instr)
	case *ssa.Lookup:
		if isMap(x.X.Type()) {
			return e.readPath(x.X, mapValues, instr)
		}
		return e.read(x.X, instr)
	case *ssa.Range:
		return e.read(x.X, instr)
	case *ssa.Next:
		return e.read(x.Iter, instr)
	}
	// Alloc, FieldAddr, IndexAddr, MakeSlice, MakeMap, MakeChan: addresses
	// whose contents live in the heap and are read through read().
	return nil
}
