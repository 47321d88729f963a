package flow

import (
	"go/constant"
	"go/types"
	"strconv"

	"github.com/cachevet/cachevet/analyzers/internal/model"
	"golang.org/x/tools/go/ssa"
)

// special judges a call the model marks Special by its handler.
func (e *engine) special(ce callee, as []ssa.Value, at ssa.CallInstruction) Taint {
	if h := handlers[ce.name].taint; h != nil {
		if t, ok := h(e, as, at); ok {
			return t
		}
	}
	return e.propagateAll(ce, as, at)
}

func sprintfTaint(e *engine, as []ssa.Value, at ssa.CallInstruction) (Taint, bool) {
	if len(as) != 2 {
		return nil, false
	}
	return e.sprintf(as[0], as[1], at)
}

func sprintTaint(ln bool) func(*engine, []ssa.Value, ssa.CallInstruction) (Taint, bool) {
	return func(e *engine, as []ssa.Value, at ssa.CallInstruction) (Taint, bool) {
		if len(as) != 1 {
			return nil, false
		}
		ops, ok := variadic(as[0])
		if !ok {
			return nil, false
		}
		return e.sprint(ops, ln, at), true
	}
}

// fieldsTaint: strings.Fields drops every whitespace byte.
func fieldsTaint(e *engine, as []ssa.Value, at ssa.CallInstruction) (Taint, bool) {
	return mask(e.read(as[0], at), ^model.Whitespace), true
}

// splitTaint: splitting on a one-byte separator drops that byte.
func splitTaint(e *engine, as []ssa.Value, at ssa.CallInstruction) (Taint, bool) {
	return mask(e.read(as[0], at), ^singleByte(as[1])), true
}

// replaceTaint: replacing every occurrence of one byte drops it; the
// replacement's bytes come in. counted is strings.Replace, whose count must
// be -1 for every occurrence to go.
func replaceTaint(counted bool) func(*engine, []ssa.Value, ssa.CallInstruction) (Taint, bool) {
	return func(e *engine, as []ssa.Value, at ssa.CallInstruction) (Taint, bool) {
		removed := singleByte(as[1])
		if counted && !isConstInt(as[3], -1) {
			removed = 0
		}
		t := mask(e.read(as[0], at), ^removed)
		mergeInto(&t, e.read(as[2], at), model.AnyUnsafe)
		return t, true
	}
}

// mapTaint: strings.Map drops what its mapping function removes.
func mapTaint(e *engine, as []ssa.Value, at ssa.CallInstruction) (Taint, bool) {
	return mask(e.read(as[1], at), ^e.runeMapRemoves(as[0])), true
}

// replacerTaint: a Replacer drops the bytes its pairs replace.
func replacerTaint(e *engine, as []ssa.Value, at ssa.CallInstruction) (Taint, bool) {
	return mask(e.read(as[1], at), ^e.replacerRemoves(as[0])), true
}

func mask(t Taint, m model.ByteSet) Taint {
	return withBytes(t, func(b model.ByteSet) model.ByteSet { return b & m })
}

func constString(v ssa.Value) (string, bool) {
	c, ok := v.(*ssa.Const)
	if !ok || c.Value == nil || c.Value.Kind() != constant.String {
		return "", false
	}
	return constant.StringVal(c.Value), true
}

func isConstInt(v ssa.Value, want int64) bool {
	c, ok := v.(*ssa.Const)
	if !ok || c.Value == nil {
		return false
	}
	n, exact := constant.Int64Val(constant.ToInt(c.Value))
	return exact && n == want
}

// singleByte returns the unsafe byte a one-byte constant separator or
// pattern removes, or nothing.
func singleByte(v ssa.Value) model.ByteSet {
	s, ok := constString(v)
	if !ok || len(s) != 1 {
		return 0
	}
	return model.ByteBit(s[0])
}

// Variadic recovers, in order, the operands packed into a variadic ...any
// slice; ok is false if they cannot all be found.
func Variadic(v ssa.Value) ([]ssa.Value, bool) { return variadic(v) }

// variadic recovers the operands packed into a variadic ...any slice.
func variadic(v ssa.Value) ([]ssa.Value, bool) {
	if c, ok := v.(*ssa.Const); ok && c.IsNil() {
		return nil, true
	}
	sl, ok := v.(*ssa.Slice)
	if !ok {
		return nil, false
	}
	alloc, ok := sl.X.(*ssa.Alloc)
	if !ok {
		return nil, false
	}
	arr, ok := alloc.Type().Underlying().(*types.Pointer).Elem().Underlying().(*types.Array)
	if !ok {
		return nil, false
	}
	ops := make([]ssa.Value, arr.Len())
	for _, ref := range *alloc.Referrers() {
		ia, ok := ref.(*ssa.IndexAddr)
		if !ok {
			continue
		}
		c, ok := ia.Index.(*ssa.Const)
		if !ok {
			return nil, false
		}
		i, _ := constant.Int64Val(c.Value)
		for _, r2 := range *ia.Referrers() {
			if st, ok := r2.(*ssa.Store); ok && st.Addr == ia && int(i) < len(ops) {
				x := st.Val
				if mi, ok := x.(*ssa.MakeInterface); ok {
					x = mi.X
				}
				ops[i] = x
			}
		}
	}
	for _, op := range ops {
		if op == nil {
			return nil, false
		}
	}
	return ops, true
}

func (e *engine) sprintf(format, packed ssa.Value, at ssa.Instruction) (Taint, bool) {
	f, ok := constString(format)
	if !ok {
		return nil, false
	}
	pieces, ok := parseFormat(f)
	if !ok {
		return nil, false
	}
	ops, ok := variadic(packed)
	if !ok {
		return nil, false
	}
	var t Taint
	for _, p := range pieces {
		if p.operand < 0 {
			if bytes := model.UnsafeBytesIn(p.lit); bytes != 0 {
				o := e.construction(at, "format:"+f, "the format "+strconv.Quote(f), "use a separator such as ':' in the format instead", ConstantBytes)
				o.Text = f
				mergeInto(&t, Taint{o: bytes}, model.AnyUnsafe)
			}
			continue
		}
		if p.operand < len(ops) {
			mergeInto(&t, e.verbTaint(p.verb, p.sharp, ops[p.operand], at), model.AnyUnsafe)
		}
	}
	return t, true
}

func (e *engine) sprint(ops []ssa.Value, ln bool, at ssa.Instruction) Taint {
	var t Taint
	for i, op := range ops {
		mergeInto(&t, e.verbTaint('v', false, op, at), model.AnyUnsafe)
		if i > 0 && (ln || !isString(ops[i-1].Type()) && !isString(op.Type())) {
			o := e.construction(at, "sprint-space", "the space fmt.Sprint puts between operands", "use fmt.Sprintf with a separator such as ':'", OperandSpaces)
			mergeInto(&t, Taint{o: model.ByteBit(' ')}, model.AnyUnsafe)
		}
	}
	if ln {
		o := e.construction(at, "sprintln", "the newline fmt.Sprintln ends with", "use fmt.Sprintf with a separator such as ':'", LineSpaces)
		mergeInto(&t, Taint{o: model.ByteBit('\n')}, model.AnyUnsafe)
	}
	return t
}

// verbTaint is what formatting x with a verb contributes.
func (e *engine) verbTaint(verb rune, sharp bool, x ssa.Value, at ssa.Instruction) Taint {
	t := e.read(x, at)
	typ := x.Type()
	switch verb {
	case 'T':
		return nil
	case 'x', 'X':
		if isString(typ) || isBytes(typ) {
			return mask(t, 0)
		}
	case 'q':
		return mask(t, model.ByteBit(' '))
	case 'v':
		if sharp && isString(typ) {
			return mask(t, model.ByteBit(' '))
		}
	}
	if (verb == 'v' || verb == 's') && !isString(typ) && !isBytes(typ) {
		// fmt prints every field, unexported ones too.
		mergeInto(&t, e.encoded(x, model.FmtEncoder, at), 0)
	}
	if spaced, what := printsWithSpaces(typ); spaced {
		o := e.construction(at, "fmt-spaces:"+types.TypeString(typ, nil), "fmt's spaces between the elements of "+what,
			"format the elements yourself, e.g. with strings.Join and a separator such as ','", ElementSpaces)
		mergeInto(&t, Taint{o: model.ByteBit(' ')}, model.AnyUnsafe)
	}
	return t
}

// construction returns the origin of unsafe bytes a call site makes up.
func (e *engine) construction(at ssa.Instruction, key, desc, hint string, made Construction) *Origin {
	return e.origin(originKey{kind: FromConstruction, pos: at.Pos(), desc: key}, func(o *Origin) {
		o.Desc = desc
		o.Hint = hint
		o.Made = made
	})
}

// printsWithSpaces reports whether fmt's %v prints a value of type t with
// spaces between its parts: slices, arrays, maps and structs of more than
// one field, unless the type formats itself.
func printsWithSpaces(t types.Type) (bool, string) {
	if isBytes(t) || implementsFormatter(t) {
		return false, ""
	}
	what := types.TypeString(t, func(p *types.Package) string { return p.Name() })
	switch u := t.Underlying().(type) {
	case *types.Slice, *types.Map:
		return true, "a " + what
	case *types.Array:
		return u.Len() > 1, "a " + what
	case *types.Struct:
		return u.NumFields() > 1, "a " + what
	case *types.Pointer:
		if s, ok := u.Elem().Underlying().(*types.Struct); ok && s.NumFields() > 1 && !implementsFormatter(u.Elem()) {
			return true, "a " + what
		}
	}
	return false, ""
}

func implementsFormatter(t types.Type) bool {
	for _, name := range []string{"String", "Error", "Format"} {
		obj, _, _ := types.LookupFieldOrMethod(t, true, nil, name)
		if _, ok := obj.(*types.Func); ok {
			return true
		}
	}
	return false
}

func isString(t types.Type) bool {
	b, ok := t.Underlying().(*types.Basic)
	return ok && b.Info()&types.IsString != 0
}

func isBytes(t types.Type) bool {
	switch u := t.Underlying().(type) {
	case *types.Slice:
		return isByte(u.Elem())
	case *types.Array:
		return isByte(u.Elem())
	}
	return false
}

// replacerRemoves judges a *strings.Replacer by the pairs it was built
// with: the unsafe bytes it replaces by safe text.
func (e *engine) replacerRemoves(r ssa.Value) model.ByteSet {
	call, ok := e.resolve(r).(*ssa.Call)
	if !ok {
		return 0
	}
	if e.calleeOf(call.Common()).row().Role != model.BuildsReplacer || len(call.Call.Args) != 1 {
		return 0
	}
	pairs, ok := variadicStrings(call.Call.Args[0])
	if !ok || len(pairs)%2 != 0 {
		return 0
	}
	var removed model.ByteSet
	for i := 0; i < len(pairs); i += 2 {
		old, repl := pairs[i], pairs[i+1]
		if len(old) == 1 && model.UnsafeBytesIn(repl) == 0 {
			removed |= model.ByteBit(old[0])
		}
	}
	return removed
}

// variadicStrings recovers constant strings packed into a ...string slice.
func variadicStrings(v ssa.Value) ([]string, bool) {
	ops, ok := variadic(v)
	if !ok {
		return nil, false
	}
	out := make([]string, len(ops))
	for i, op := range ops {
		if out[i], ok = constString(op); !ok {
			return nil, false
		}
	}
	return out, true
}

func int64Val(v constant.Value) (int64, bool) {
	return constant.Int64Val(constant.ToInt(v))
}
