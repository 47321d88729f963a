package flow

import (
	"go/constant"
	"go/token"

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

func evalRuneFunc(fn *ssa.Function, arg int64) (int64, bool) {
	env := map[ssa.Value]int64{fn.Params[0]: arg}
	value := func(v ssa.Value) (int64, bool) {
		switch x := v.(type) {
		case *ssa.Const:
			if x.Value == nil {
				return 0, false
			}
			if x.Value.Kind() == constant.Bool {
				if constant.BoolVal(x.Value) {
					return 1, true
				}
				return 0, true
			}
			return ssautil.Int64(x.Value)
		}
		n, ok := env[v]
		return n, ok
	}
	block, prev := fn.Blocks[0], (*ssa.BasicBlock)(nil)
	for steps := 0; steps < 10000; {
		var next *ssa.BasicBlock
		for _, instr := range block.Instrs {
			steps++
			switch in := instr.(type) {
			case *ssa.DebugRef:
			case *ssa.Phi:
				for i, p := range block.Preds {
					if p == prev {
						n, ok := value(in.Edges[i])
						if !ok {
							return 0, false
						}
						env[in] = n
					}
				}
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
				env[in] = n
			case *ssa.UnOp:
				x, ok := value(in.X)
				if !ok {
					return 0, false
				}
				switch in.Op {
				case token.NOT:
					env[in] = 1 - x
				case token.SUB:
					env[in] = -x
				case token.XOR:
					env[in] = ^x
				default:
					return 0, false
				}
			case *ssa.Convert, *ssa.ChangeType:
				// Integer conversions: the one operand, unchanged.
				x, ok := value(ssautil.FirstOperand(in.(ssa.Value)))
				if !ok {
					return 0, false
				}
				env[in.(ssa.Value)] = x
			case *ssa.Call:
				callee := in.Call.StaticCallee()
				if callee == nil || len(in.Call.Args) != 1 {
					return 0, false
				}
				x, ok := value(in.Call.Args[0])
				if !ok {
					return 0, false
				}
				name := callee.String()
				if p := handlers[name].runePredicate; p != nil {
					env[in] = 0
					if p(rune(x)) {
						env[in] = 1
					}
				} else if m := handlers[name].runeMapper; m != nil {
					env[in] = int64(m(rune(x)))
				} else {
					return 0, false
				}
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

func binop(op token.Token, x, y int64) (int64, bool) {
	b := func(c bool) (int64, bool) {
		if c {
			return 1, true
		}
		return 0, true
	}
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
