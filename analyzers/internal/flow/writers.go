package flow

import (
	"github.com/cachevet/cachevet/analyzers/internal/model"
	"golang.org/x/tools/go/ssa"
)

// A writer's contents are the heap of the writer's root: a write
// (model.Func.IntoWriter) stores the data written there, and a read of
// the writer (buf.String(), io.ReadAll(&buf), a row with From naming the
// receiver) reads that memory like any other. What was written keeps
// its taint, its sensitive fields and, through its origins, its unbounded
// length. A writer made to wrap another (json.NewEncoder(w),
// bufio.NewWriter(w)) passes what it is given on to the wrapped one.

// writeInto adds t to the contents of the writer w and of the writers w
// wraps.
func (e *engine) writeInto(w ssa.Value, t Taint) {
	for range 8 {
		e.store(w, t)
		call, ok := e.resolve(w).(*ssa.Call)
		if !ok || len(call.Call.Args) == 0 || !e.calleeOf(call.Common()).row().WrapsWriter {
			return
		}
		w = call.Call.Args[0]
	}
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
