package flow

import (
	"go/token"
	"go/types"
	"slices"

	"golang.org/x/tools/go/ssa"
)

// madeHandles is what is made from a handle a cache install returned
// (entcache's driver): the client made with it, the clients and builders
// read from the client, and where the package keeps them.
type madeHandles struct {
	vals map[ssa.Value]bool
	kept map[handleID]bool
}

// madeHandleQueries reports the row methods called on handles made from
// the handle the install returned.
func (e *engine) madeHandleQueries(in cacheInstall) {
	call, ok := in.call.(*ssa.Call)
	if !ok {
		return
	}
	h := &madeHandles{vals: map[ssa.Value]bool{call: true}, kept: map[handleID]bool{}}
	for changed := true; changed; {
		changed = false
		for _, fn := range e.funcs {
			for _, b := range fn.Blocks {
				for _, instr := range b.Instrs {
					if e.deriveHandle(h, instr) {
						changed = true
					}
				}
			}
		}
	}
	for _, fn := range e.funcs {
		for _, b := range fn.Blocks {
			for _, instr := range b.Instrs {
				q, ok := instr.(*ssa.Call)
				if !ok || !slices.Contains(in.row.RowMethods, methodName(q)) {
					continue
				}
				rows := q.Type()
				if t, ok := rows.(*types.Tuple); ok && t.Len() > 0 {
					rows = t.At(0).Type() // (rows, error)
				}
				if as := args(q.Common()); len(as) > 0 && h.vals[as[0]] {
					e.cachedQuery(q, in, rows)
				}
			}
		}
	}
}

// methodName is the name of the method a call calls, "" for a function.
func methodName(c *ssa.Call) string {
	ce := calleeOfCall(c)
	if ce == nil || ce.Signature().Recv() == nil {
		return ""
	}
	return ce.Name()
}

func calleeOfCall(c *ssa.Call) *types.Func {
	if c.Call.IsInvoke() {
		return c.Call.Method
	}
	if fn := c.Call.StaticCallee(); fn != nil {
		if obj, ok := fn.Object().(*types.Func); ok {
			return obj
		}
	}
	return nil
}

// deriveHandle adds to h what instr makes from a handle, and reports
// whether h grew. A call's result is a handle when its receiver is one (a
// client's builder), or when a handle is among its arguments and the
// result is not an interface (ent.Driver(drv), ent.NewClient(opts...)): a
// context or an error made with a handle is not one.
func (e *engine) deriveHandle(h *madeHandles, instr ssa.Instruction) bool {
	add := func(v ssa.Value) bool {
		if v == nil || h.vals[v] {
			return false
		}
		h.vals[v] = true
		return true
	}
	keep := func(id handleID) bool {
		if h.kept[id] {
			return false
		}
		h.kept[id] = true
		return true
	}
	switch x := instr.(type) {
	case *ssa.Call:
		ce := e.calleeOf(x.Common())
		if ce.fn != nil && h.kept[handleID{fn: ce.fn}] {
			return add(x)
		}
		changed := false
		for i, a := range args(x.Common()) {
			if !h.vals[a] {
				continue
			}
			if ce.fn != nil && e.local[ce.fn] && i < len(ce.fn.Params) {
				changed = add(ce.fn.Params[i]) || changed
			}
			if i == 0 && ce.obj != nil && ce.obj.Signature().Recv() != nil || !types.IsInterface(x.Type()) {
				changed = add(x) || changed
			}
		}
		return changed
	case *ssa.Extract:
		if h.vals[x.Tuple] {
			return add(x)
		}
	case *ssa.Store:
		if !h.vals[x.Val] {
			return false
		}
		switch a := x.Addr.(type) {
		case *ssa.FieldAddr:
			return keep(handleID{field: fieldVar(a.X.Type(), a.Field)})
		case *ssa.Global:
			return keep(handleID{global: a})
		case *ssa.IndexAddr:
			return add(a.X)
		}
	case *ssa.Return:
		for _, r := range x.Results {
			if h.vals[r] {
				return keep(handleID{fn: x.Parent()})
			}
		}
	case *ssa.UnOp:
		if x.Op != token.MUL {
			return false
		}
		switch a := x.X.(type) {
		case *ssa.FieldAddr:
			if h.vals[a] || h.kept[handleID{field: fieldVar(a.X.Type(), a.Field)}] {
				return add(x)
			}
		case *ssa.Global:
			if h.kept[handleID{global: a}] {
				return add(x)
			}
		}
		if h.vals[x.X] {
			return add(x)
		}
	case *ssa.Phi:
		for _, edge := range x.Edges {
			if h.vals[edge] {
				return add(x)
			}
		}
	case *ssa.FieldAddr:
		if h.vals[x.X] {
			return add(x)
		}
	case *ssa.Field:
		if h.vals[x.X] {
			return add(x)
		}
	case *ssa.Slice:
		if h.vals[x.X] {
			return add(x)
		}
	case *ssa.MakeInterface:
		if h.vals[x.X] {
			return add(x)
		}
	case *ssa.ChangeType:
		if h.vals[x.X] {
			return add(x)
		}
	case *ssa.ChangeInterface:
		if h.vals[x.X] {
			return add(x)
		}
	case *ssa.TypeAssert:
		if h.vals[x.X] {
			return add(x)
		}
	}
	return false
}
