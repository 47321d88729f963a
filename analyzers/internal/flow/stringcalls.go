package flow

import (
	"github.com/cachevet/cachevet/analyzers/internal/model"
	"github.com/cachevet/cachevet/analyzers/internal/ssautil"
	"golang.org/x/tools/go/ssa"
)

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
		if counted && !ssautil.IsConstInt(as[3], -1) {
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
	pairs, ok := ssautil.VariadicStrings(call.Call.Args[0])
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

func mask(t Taint, m model.ByteSet) Taint {
	return withBytes(t, func(b model.ByteSet) model.ByteSet { return b & m })
}

// singleByte returns the unsafe byte a one-byte constant separator or
// pattern removes, or nothing.
func singleByte(v ssa.Value) model.ByteSet {
	s, ok := ssautil.ConstString(v)
	if !ok || len(s) != 1 {
		return 0
	}
	return model.ByteBit(s[0])
}
