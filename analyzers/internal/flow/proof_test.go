package flow

import (
	"bytes"
	"encoding/gob"
	"reflect"
	"testing"

	"github.com/cachevet/cachevet/analyzers/internal/model"
)

func TestProofLattice(t *testing.T) {
	space, lf := model.ByteBit(' '), model.ByteBit('\n')
	const none = model.NoBound
	for _, tc := range []struct {
		name    string
		got     proof
		removes model.ByteSet
		maxLen  int
	}{
		{"and unions bytes", proofOf(space, none).and(proofOf(lf, none)), space | lf, none},
		{"and keeps the least bound", proofOf(0, 64).and(proofOf(space, 8)), space, 8},
		{"and with no bound", proofOf(0, 64).and(noProof), 0, 64},
		{"or intersects bytes", proofOf(space|lf, none).or(proofOf(lf, none)), lf, none},
		{"or keeps the greatest bound", proofOf(0, 64).or(proofOf(0, 8)), 0, 64},
		{"or with no bound has none", proofOf(0, 64).or(noProof), 0, none},
		{"impossible is or's identity", impossible.or(proofOf(space, 3)), space, 3},
		{"an empty value holds no byte", proofOf(0, 0), model.AnyUnsafe, 0},
	} {
		if tc.got.removes != tc.removes || tc.got.maxLen != tc.maxLen {
			t.Errorf("%s: removes %v, maxLen %d; want %v, %d", tc.name, tc.got.removes, tc.got.maxLen, tc.removes, tc.maxLen)
		}
	}
}

// TestSummaryGob: summaries travel between packages as gob-encoded facts.
func TestSummaryGob(t *testing.T) {
	in := summaryFact{Summary{
		Validator: true,
		Proves: []model.Validation{
			{Arg: 1, Removes: model.AnyUnsafe, MaxLen: 250, Success: model.NilError},
			{Arg: 0, Removes: model.ByteBit(' '), MaxLen: model.NoBound, Success: model.TrueResult},
		},
	}}
	var buf bytes.Buffer
	if err := gob.NewEncoder(&buf).Encode(&in); err != nil {
		t.Fatal(err)
	}
	var out summaryFact
	if err := gob.NewDecoder(&buf).Decode(&out); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(in, out) {
		t.Errorf("decoded %+v, want %+v", out, in)
	}
}
