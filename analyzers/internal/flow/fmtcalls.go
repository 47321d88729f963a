package flow

import (
	"go/types"
	"strconv"

	"github.com/cachevet/cachevet/analyzers/internal/model"
	"github.com/cachevet/cachevet/analyzers/internal/ssautil"
	"golang.org/x/tools/go/ssa"
)

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
		ops, ok := ssautil.Variadic(as[0])
		if !ok {
			return nil, false
		}
		return e.sprint(ops, ln, at), true
	}
}

func (e *engine) sprintf(format, packed ssa.Value, at ssa.Instruction) (Taint, bool) {
	f, ok := ssautil.ConstString(format)
	if !ok {
		return nil, false
	}
	pieces, ops, ok := formatCall(f, packed)
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
		if i > 0 && (ln || !ssautil.IsString(ops[i-1].Type()) && !ssautil.IsString(op.Type())) {
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
		if ssautil.IsString(typ) || ssautil.IsBytes(typ) {
			return mask(t, 0)
		}
	case 'q':
		return mask(t, model.ByteBit(' '))
	case 'v':
		if sharp && ssautil.IsString(typ) {
			return mask(t, model.ByteBit(' '))
		}
	}
	if (verb == 'v' || verb == 's') && !ssautil.IsString(typ) && !ssautil.IsBytes(typ) {
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

// printsWithSpaces reports whether fmt's %v prints a value of type t with
// spaces between its parts: slices, arrays, maps and structs of more than
// one field, unless the type formats itself.
func printsWithSpaces(t types.Type) (bool, string) {
	if ssautil.IsBytes(t) || implementsFormatter(t) {
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

// afterWriter adapts the taint handler of a fmt.Sprint function to its
// fmt.Fprint twin, whose argument 0 is the writer the text goes into.
func afterWriter(h func(*engine, []ssa.Value, ssa.CallInstruction) (Taint, bool)) func(*engine, []ssa.Value, ssa.CallInstruction) (Taint, bool) {
	return func(e *engine, as []ssa.Value, at ssa.CallInstruction) (Taint, bool) {
		if len(as) == 0 {
			return nil, false
		}
		return h(e, as[1:], at)
	}
}

// appended adapts the taint handler of a fmt.Sprint function to its
// fmt.Append twin: the text formatted, appended to argument 0.
func appended(h func(*engine, []ssa.Value, ssa.CallInstruction) (Taint, bool)) func(*engine, []ssa.Value, ssa.CallInstruction) (Taint, bool) {
	return func(e *engine, as []ssa.Value, at ssa.CallInstruction) (Taint, bool) {
		if len(as) == 0 {
			return nil, false
		}
		t, ok := h(e, as[1:], at)
		if !ok {
			return nil, false
		}
		mergeInto(&t, e.read(as[0], at), model.AnyUnsafe)
		return t, true
	}
}

// appendedLength adapts the length rule of a fmt.Sprint function to its
// fmt.Append twin.
func appendedLength(r lengthRule) lengthRule {
	return func(e *engine, b *ssa.BasicBlock, as []ssa.Value, arg func(int) Length) Length {
		return addLengths(arg(0), r(e, b, as[1:], func(i int) Length { return arg(i + 1) }))
	}
}
