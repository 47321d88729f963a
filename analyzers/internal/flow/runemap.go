package flow

import (
	"go/constant"
	"go/token"
	"go/types"

	"github.com/cachevet/cachevet/analyzers/internal/model"
	"github.com/cachevet/cachevet/analyzers/internal/ssautil"
	"golang.org/x/tools/go/ssa"
)

// runeMapRemoves judges the mapping function of strings.Map by running it:
// for each unsafe byte it evaluates the function's SSA on that rune, and the
// byte counts as removed if the function drops it (returns a negative rune)
// or maps it to a safe one. Only pure integer code and the unicode
// predicates are interpreted; anything else means "not removed", so an
// opaque mapping is never mistaken for a sanitizer.
func (e *engine) runeMapRemoves(f ssa.Value) model.ByteSet {
	fn, ok := f.(*ssa.Function)
	if !ok || len(fn.Params) != 1 || len(fn.Blocks) == 0 {
		return 0
	}
	var removed model.ByteSet
	for b := 0; b <= 0x7f; b++ {
		bit := model.ByteBit(byte(b))
		if bit == 0 {
			continue
		}
		r, ok := evalRuneFunc(fn, int64(b))
		if ok && (r < 0 || r > 0x20 && r != 0x7f) {
			removed |= bit
		}
	}
	return removed
}

// runePredicateTrue returns the unsafe bytes for which f, a func(rune)
// bool, is sure to return true: a function of the package the rune
// interpreter runs, or a unicode predicate passed as a value
// (strings.ContainsFunc(k, unicode.IsSpace)).
func runePredicateTrue(f ssa.Value) model.ByteSet {
	fn, ok := f.(*ssa.Function)
	if !ok || fn.Signature.Params().Len() != 1 {
		return 0 // a function of another package has no Params, only a signature
	}
	var set model.ByteSet
	for b := 0; b <= 0x7f; b++ {
		bit := model.ByteBit(byte(b))
		if bit == 0 {
			continue
		}
		if r, ok := callPure(fn, int64(b), 0); ok && r != 0 {
			set |= bit
		}
	}
	return set
}

// maxPureDepth bounds the calls of local functions the interpreter follows.
const maxPureDepth = 4

func evalRuneFunc(fn *ssa.Function, arg int64) (int64, bool) { return evalPureFunc(fn, arg, 0) }

// evalPureFunc runs fn, a function of one integer parameter, on arg: the
// interpreter follows only integer and boolean code (see pureValue); the
// result is false if fn does anything else or does not return within
// its step budget.
func evalPureFunc(fn *ssa.Function, arg int64, depth int) (int64, bool) {
	if len(fn.Params) != 1 || len(fn.Blocks) == 0 {
		return 0, false
	}
	env := map[ssa.Value]int64{fn.Params[0]: arg}
	value := func(v ssa.Value) (int64, bool) { return lookupPure(env, v) }
	block, prev := fn.Blocks[0], (*ssa.BasicBlock)(nil)
	for steps := 0; steps < 10000; {
		var next *ssa.BasicBlock
		enterPhis(block, prev, env)
		for _, instr := range block.Instrs {
			steps++
			switch in := instr.(type) {
			case *ssa.DebugRef, *ssa.Phi:
			case *ssa.If:
				c, ok := value(in.Cond)
				if !ok {
					return 0, false
				}
				next = block.Succs[1]
				if c != 0 {
					next = block.Succs[0]
				}
			case *ssa.Jump:
				next = block.Succs[0]
			case *ssa.Return:
				if len(in.Results) != 1 {
					return 0, false
				}
				return value(in.Results[0])
			case ssa.Value:
				n, ok := pureValue(in, value, depth)
				if !ok {
					return 0, false
				}
				env[in] = n
			default:
				return 0, false
			}
		}
		if next == nil {
			return 0, false
		}
		prev, block = block, next
	}
	return 0, false
}

// callPure calls f, a static function of one integer parameter, on arg:
// a handler's real unicode predicate or case mapping, or a function with
// a body, run by evalPureFunc.
func callPure(fn *ssa.Function, arg int64, depth int) (int64, bool) {
	name := fn.String()
	if p := handlers[name].runePredicate; p != nil {
		return boolInt(p(rune(arg))), true
	}
	if m := handlers[name].runeMapper; m != nil {
		return int64(m(rune(arg))), true
	}
	if depth >= maxPureDepth {
		return 0, false
	}
	return evalPureFunc(fn, arg, depth+1)
}

// enterPhis sets the phis of block to their edges from prev, all at once
// as SSA means them; a phi whose edge is not known is left unknown.
func enterPhis(block, prev *ssa.BasicBlock, env map[ssa.Value]int64) {
	if prev == nil {
		return
	}
	vals := map[*ssa.Phi]int64{}
	for _, instr := range block.Instrs {
		phi, ok := instr.(*ssa.Phi)
		if !ok {
			break
		}
		delete(env, phi)
		for i, p := range block.Preds {
			if p == prev {
				if n, ok := lookupPure(env, phi.Edges[i]); ok {
					vals[phi] = n
				}
			}
		}
	}
	for phi, n := range vals {
		env[phi] = n
	}
}

// lookupPure is the value of v in env, or of v itself if it is an integer
// or boolean constant.
func lookupPure(env map[ssa.Value]int64, v ssa.Value) (int64, bool) {
	if x, ok := v.(*ssa.Const); ok {
		if x.Value == nil {
			return 0, false
		}
		if x.Value.Kind() == constant.Bool {
			return boolInt(constant.BoolVal(x.Value)), true
		}
		if !isIntegerType(x.Type()) {
			return 0, false
		}
		return ssautil.Int64(x.Value)
	}
	n, ok := env[v]
	return n, ok
}

// pureValue computes an integer or boolean instruction from its operands,
// as value knows them, wrapping to the instruction's type as Go does
// (byte arithmetic is modulo 256: c - '0' > 9 holds for a control byte).
// Calls are followed if they are the unicode predicates and case
// mappings, a search of a constant string (strings.ContainsRune), or a
// function of one integer parameter with a body.
func pureValue(v ssa.Value, value func(ssa.Value) (int64, bool), depth int) (int64, bool) {
	switch in := v.(type) {
	case *ssa.BinOp:
		x, ok1 := value(in.X)
		y, ok2 := value(in.Y)
		if !ok1 || !ok2 {
			return 0, false
		}
		n, ok := binop(in.Op, x, y)
		if !ok {
			return 0, false
		}
		return wrapTo(n, in.Type())
	case *ssa.UnOp:
		x, ok := value(in.X)
		if !ok {
			return 0, false
		}
		switch in.Op {
		case token.NOT:
			return 1 - x, true
		case token.SUB:
			return wrapTo(-x, in.Type())
		case token.XOR:
			return wrapTo(^x, in.Type())
		}
	case *ssa.Convert, *ssa.ChangeType:
		x, ok := value(ssautil.FirstOperand(in))
		if !ok {
			return 0, false
		}
		return wrapTo(x, in.Type())
	case *ssa.Call:
		callee := in.Call.StaticCallee()
		if callee == nil {
			return 0, false
		}
		as := in.Call.Args
		if search := handlers[callee.String()].runeSearch; search != nil && len(as) == 2 {
			s, ok1 := ssautil.ConstString(as[0])
			r, ok2 := value(as[1])
			if !ok1 || !ok2 {
				return 0, false
			}
			return search(s, r), true
		}
		if len(as) != 1 {
			return 0, false
		}
		x, ok := value(as[0])
		if !ok {
			return 0, false
		}
		return callPure(callee, x, depth)
	}
	return 0, false
}

// wrapTo truncates n to the integer type t as a conversion would; a
// boolean passes unchanged.
func wrapTo(n int64, t types.Type) (int64, bool) {
	b, ok := t.Underlying().(*types.Basic)
	if !ok {
		return 0, false
	}
	if b.Info()&types.IsBoolean != 0 {
		return n, true
	}
	if b.Info()&types.IsInteger == 0 {
		return 0, false
	}
	var bits uint
	switch b.Kind() {
	case types.Int8, types.Uint8:
		bits = 8
	case types.Int16, types.Uint16:
		bits = 16
	case types.Int32, types.Uint32:
		bits = 32
	default:
		// 64 bits: int64 arithmetic wraps alike, but an unsigned value
		// past 1<<63 would compare as negative.
		if b.Info()&types.IsUnsigned != 0 && n < 0 {
			return 0, false
		}
		return n, true
	}
	n &= 1<<bits - 1
	if b.Info()&types.IsUnsigned == 0 && n >= 1<<(bits-1) {
		n -= 1 << bits
	}
	return n, true
}

func boolInt(c bool) int64 {
	if c {
		return 1
	}
	return 0
}

func binop(op token.Token, x, y int64) (int64, bool) {
	b := func(c bool) (int64, bool) { return boolInt(c), true }
	switch op {
	case token.ADD:
		return x + y, true
	case token.SUB:
		return x - y, true
	case token.MUL:
		return x * y, true
	case token.QUO:
		if y == 0 {
			return 0, false
		}
		return x / y, true
	case token.REM:
		if y == 0 {
			return 0, false
		}
		return x % y, true
	case token.AND:
		return x & y, true
	case token.OR:
		return x | y, true
	case token.XOR:
		return x ^ y, true
	case token.AND_NOT:
		return x &^ y, true
	case token.SHL:
		if y < 0 || y > 63 {
			return 0, false
		}
		return x << uint(y), true
	case token.SHR:
		if y < 0 || y > 63 {
			return 0, false
		}
		return x >> uint(y), true
	case token.EQL:
		return b(x == y)
	case token.NEQ:
		return b(x != y)
	case token.LSS:
		return b(x < y)
	case token.LEQ:
		return b(x <= y)
	case token.GTR:
		return b(x > y)
	case token.GEQ:
		return b(x >= y)
	}
	return 0, false
}
