package flow

import (
	"testing"

	"github.com/cachevet/cachevet/analyzers/internal/model"
)

// TestHandlersMatchModel checks that every model row whose knowledge is
// code has a handler with that code, and that no handler is left without
// a row that asks for it: a handler nothing reaches is dead knowledge.
func TestHandlersMatchModel(t *testing.T) {
	for name, f := range model.Funcs {
		h, ok := handlers[name]
		if f.NeedsHandler() && !ok {
			t.Errorf("%s: the model row needs a handler and has none", name)
			continue
		}
		if (f.Transform == model.Special) != (h.taint != nil) {
			t.Errorf("%s: Special transform %v, taint handler %v", name, f.Transform == model.Special, h.taint != nil)
		}
		if (f.Length.Kind == model.LengthSpecial) != (h.length != nil) {
			t.Errorf("%s: LengthSpecial %v, length handler %v", name, f.Length.Kind == model.LengthSpecial, h.length != nil)
		}
		if f.RuneFunc != (h.runePredicate != nil || h.runeMapper != nil) {
			t.Errorf("%s: RuneFunc %v, rune handler %v", name, f.RuneFunc, h.runePredicate != nil || h.runeMapper != nil)
		}
		if h.runeSearch != nil && f.Guard != model.GuardIndexAny && f.Guard != model.GuardContainsAny {
			t.Errorf("%s: a rune search belongs to a row that guards by the bytes it finds", name)
		}
		if h.unreserved != nil && (f.Unreserved || f.Transform != model.Special) {
			t.Errorf("%s: an unreserved handler belongs to a Special row that is not unreserved whatever its arguments", name)
		}
	}
	for name := range handlers {
		if _, ok := model.Funcs[name]; !ok {
			t.Errorf("%s: a handler without a model row is never called", name)
		}
	}
}
