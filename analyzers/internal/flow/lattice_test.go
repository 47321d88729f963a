package flow

import (
	"reflect"
	"testing"
)

func openPart(kind OpenKind, desc string, num, den int) OpenPart {
	return OpenPart{Kind: kind, Desc: desc, Num: num, Den: den}
}

func TestLengthFiniteKnown(t *testing.T) {
	for _, tc := range []struct {
		name          string
		l             Length
		finite, known bool
	}{
		{"fixed", fixed(10), true, false},
		{"attacker", Length{Open: []OpenPart{openPart(OpenAttacker, "a", 1, 1)}}, false, true},
		{"collection", Length{Open: []OpenPart{openPart(OpenCollection, "c", 1, 1)}}, false, true},
		{"unknown", Length{Open: []OpenPart{openPart(OpenUnknown, "u", 1, 1)}}, false, false},
		{"param", Length{Open: []OpenPart{openPart(OpenParam, "p", 1, 1)}}, false, false},
		{"unknown and attacker", Length{Open: []OpenPart{openPart(OpenUnknown, "u", 1, 1), openPart(OpenAttacker, "a", 1, 1)}}, false, true},
	} {
		if got := tc.l.Finite(); got != tc.finite {
			t.Errorf("%s: Finite() = %v, want %v", tc.name, got, tc.finite)
		}
		if got := tc.l.Known(); got != tc.known {
			t.Errorf("%s: Known() = %v, want %v", tc.name, got, tc.known)
		}
	}
}

func TestAddAndMaxLengths(t *testing.T) {
	a := openPart(OpenAttacker, "a", 1, 1)
	a3 := openPart(OpenAttacker, "a", 3, 1)
	u := openPart(OpenUnknown, "u", 1, 1)
	for _, tc := range []struct {
		name string
		got  Length
		want Length
	}{
		{"sum of bounds", addLengths(fixed(3), fixed(4)), fixed(7)},
		{"max of bounds", maxLengths(fixed(3), fixed(4)), fixed(4)},
		{"sum keeps open parts", addLengths(fixed(3), Length{Max: 2, Open: []OpenPart{a}}), Length{Max: 5, Open: []OpenPart{a}}},
		{"max keeps open parts of both", maxLengths(Length{Max: 9, Open: []OpenPart{u}}, Length{Max: 2, Open: []OpenPart{a}}), Length{Max: 9, Open: []OpenPart{u, a}}},
		// The same part twice is counted once, at its larger ratio.
		{"same part merged", addLengths(Length{Open: []OpenPart{a}}, Length{Open: []OpenPart{a3}}), Length{Open: []OpenPart{a3}}},
		{"same part keeps larger ratio", addLengths(Length{Open: []OpenPart{a3}}, Length{Open: []OpenPart{a}}), Length{Open: []OpenPart{a3}}},
		{"saturates", addLengths(fixed(saturated), fixed(1)), fixed(saturated)},
		{"empty", addLengths(), Length{}},
	} {
		if !reflect.DeepEqual(tc.got, tc.want) {
			t.Errorf("%s: got %+v, want %+v", tc.name, tc.got, tc.want)
		}
	}
}

func TestScaled(t *testing.T) {
	a := openPart(OpenAttacker, "r.FormValue", 1, 1)
	for _, tc := range []struct {
		name string
		got  Length
		want Length
	}{
		{"rounds up", scaled(fixed(10), 4, 3, 3, ""), fixed(17)}, // base64: ceil(40/3)+3
		{"hex doubles", scaled(fixed(16), 2, 1, 0, ""), fixed(32)},
		{"names the escaping", scaled(Length{Open: []OpenPart{a}}, 3, 1, 0, "url.QueryEscape"),
			Length{Open: []OpenPart{openPart(OpenAttacker, "r.FormValue escaped by url.QueryEscape", 3, 1)}}},
		// Only the first escaping is named.
		{"names once", scaled(scaled(Length{Open: []OpenPart{a}}, 3, 1, 0, "url.QueryEscape"), 2, 1, 0, "hex"),
			Length{Open: []OpenPart{openPart(OpenAttacker, "r.FormValue escaped by url.QueryEscape", 6, 1)}}},
		{"unknown parts are not named", scaled(Length{Open: []OpenPart{openPart(OpenUnknown, "u", 1, 1)}}, 2, 1, 0, "hex"),
			Length{Open: []OpenPart{openPart(OpenUnknown, "u", 2, 1)}}},
		{"saturates", scaled(fixed(saturated), 2, 1, 0, ""), fixed(saturated)},
	} {
		if !reflect.DeepEqual(tc.got, tc.want) {
			t.Errorf("%s: got %+v, want %+v", tc.name, tc.got, tc.want)
		}
	}
}

func TestScaleRatio(t *testing.T) {
	for _, tc := range []struct{ num, den, wantNum, wantDen int }{
		{6, 4, 3, 2},
		{3, 1, 3, 1},
		{1, 1, 1, 1},
		{64, 1, maxScale, 1},
		{1000, 3, maxScale, 1}, // capped
		{1, 1000, 1, 64},       // the denominator is bounded, rounding up
		{100, 6400, 1, 64},     // reduced first
		{65, 6400, 1, 64},      // 13/1280 rounds up to 1/64
		{0, 5, 0, 5},           // degenerate ratios are left alone
	} {
		num, den := scaleRatio(tc.num, tc.den)
		if num != tc.wantNum || den != tc.wantDen {
			t.Errorf("scaleRatio(%d, %d) = %d/%d, want %d/%d", tc.num, tc.den, num, den, tc.wantNum, tc.wantDen)
		}
		if tc.num > 0 && tc.den > 0 && num*tc.den < tc.num*den && num < maxScale {
			t.Errorf("scaleRatio(%d, %d) = %d/%d rounds down", tc.num, tc.den, num, den)
		}
	}
}

func TestCapped(t *testing.T) {
	a := Length{Max: 5, Open: []OpenPart{openPart(OpenAttacker, "a", 1, 1)}}
	for _, tc := range []struct {
		name string
		got  Length
		want Length
	}{
		{"bound below the cap stays", capped(fixed(10), 250), fixed(10)},
		{"bound above the cap is cut", capped(fixed(300), 250), fixed(250)},
		{"open length is bounded by the cap", capped(a, 64), fixed(64)},
	} {
		if !reflect.DeepEqual(tc.got, tc.want) {
			t.Errorf("%s: got %+v, want %+v", tc.name, tc.got, tc.want)
		}
	}
}

func TestReturnedBy(t *testing.T) {
	for _, tc := range []struct{ desc, wrapper, want string }{
		{"r.FormValue", "pkg.Get", "r.FormValue returned by pkg.Get"},
		{"r.FormValue returned by pkg.Get", "pkg.Get", "r.FormValue returned by pkg.Get"},
		{"x returned by a returned by b", "c", "x returned by a returned by b"},
	} {
		if got := returnedBy(tc.desc, tc.wrapper); got != tc.want {
			t.Errorf("returnedBy(%q, %q) = %q, want %q", tc.desc, tc.wrapper, got, tc.want)
		}
	}
}
