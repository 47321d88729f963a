package flow

import (
	"go/constant"
	"go/token"
	"go/types"
	"strconv"

	"github.com/cachevet/cachevet/analyzers/internal/model"
	"golang.org/x/tools/go/ssa"
)

func (e *engine) union(at ssa.Instruction, vs ...ssa.Value) Taint {
	var t Taint
	for _, v := range vs {
		mergeInto(&t, e.read(v, at), model.AnyUnsafe)
	}
	return t
}

// read returns the taint of v as an operand of instruction at: its own
// taint, what is stored in the memory it points to, and for a constant, the
// unsafe bytes it spells.
func (e *engine) read(v ssa.Value, at ssa.Instruction) Taint {
	switch x := v.(type) {
	case *ssa.Const:
		return e.constTaint(x, at)
	case *ssa.Function, *ssa.Builtin:
		return nil
	}
	if !e.canCarry(v.Type()) {
		return nil
	}
	if isAddress(v.Type()) {
		// An address into memory the engine models (a field, an
		// element, a pointer loaded from one) reads that memory: its own
		// taint, derived from the same memory without telling the parts
		// apart, would only blur it.
		root, path := e.addr(v)
		return e.partTaint(root, path, at)
	}
	return e.vals[v]
}

// constTaint makes an origin for a string constant that holds an unsafe
// byte: `"user " + id` puts a space in every key it builds.
func (e *engine) constTaint(c *ssa.Const, at ssa.Instruction) Taint {
	if c.Value == nil || c.Value.Kind() != constant.String {
		return nil
	}
	s := constant.StringVal(c.Value)
	bytes := model.UnsafeBytesIn(s)
	if bytes == 0 {
		return nil
	}
	pos := token.NoPos
	if at != nil {
		pos = at.Pos()
	}
	o := e.origin(originKey{kind: FromConstruction, pos: pos, desc: "const:" + s}, func(o *Origin) {
		o.Desc = "the constant " + strconv.Quote(s)
		o.Hint = "use a separator such as ':' in the constant instead"
		o.Made = ConstantBytes
		o.Text = s
	})
	return Taint{o: bytes}
}

func isAddress(t types.Type) bool {
	switch t.Underlying().(type) {
	case *types.Pointer, *types.Slice, *types.Map, *types.Chan, *types.Interface:
		return true
	}
	return false
}
