package flow

import (
	"slices"

	"golang.org/x/tools/go/ssa"
)

// LenSummary bounds a function's result by constants and its parameters.
type LenSummary struct {
	Max    int
	Params []ScaledParam
	Open   []OpenSummary

	widened int // rounds in which Max grew, for widening
}

// ScaledParam: the result holds up to Num/Den times parameter Param (or
// its part Path).
type ScaledParam struct {
	Param, Num, Den int
	Path            string
}

// OpenSummary is an unbounded part of a result that is not a parameter.
type OpenSummary struct {
	Kind OpenKind
	Desc string
}

func (e *engine) summarizeLength(fn *ssa.Function, l Length) *LenSummary {
	s := &LenSummary{Max: l.Max}
	for _, p := range l.Open {
		if p.Kind == OpenParam && p.Fn == fn {
			s.Params = append(s.Params, ScaledParam{Param: p.Param, Path: p.Path, Num: p.Num, Den: p.Den})
			continue
		}
		if p.Kind == OpenParam {
			p.Kind = OpenUnknown // a free variable's parameter: not this function's
		}
		if !slices.ContainsFunc(s.Open, func(o OpenSummary) bool { return o.Kind == p.Kind && o.Desc == p.Desc }) {
			s.Open = append(s.Open, OpenSummary{Kind: p.Kind, Desc: p.Desc})
		}
	}
	return s
}
