package flow

import (
	"fmt"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/cachevet/cachevet/analyzers/internal/model"
)

// Summary is what callers need to know about a function: which parameters
// reach a memcache key, which flow to the result, and what attacker data
// the result carries on its own. The analyzers store it as an analysis Fact,
// so every field is gob-encodable.
type Summary struct {
	Sinks   []ParamSink
	Returns []ParamReturn
	Origins []ReturnedOrigin
	// ValueSinks are parameters that reach a cached value, perhaps
	// through an encoder.
	ValueSinks []ValueSink
	// EncodedReturns are parameters whose encoding the function returns.
	EncodedReturns []EncodedReturn
	// LenSinks are parameters that reach a memcache key with a length
	// budget: the bytes they may hold before the key passes 250.
	LenSinks []ParamBudget
	// ResultLen bounds the result's length, if it is a string.
	ResultLen *LenSummary
	// Sanitizer: the result never holds an unsafe byte (declared by
	// //cachevet:sanitizer or configuration).
	Sanitizer bool
	// Validator: a true result, or a nil error, means the first argument
	// holds no unsafe byte.
	Validator bool
}

// ParamSink says that argument Param reaches a memcache key.
type ParamSink struct {
	Param int
	// Bytes are the unsafe bytes of the argument that still reach the key
	// after whatever the function does to it.
	Bytes model.ByteSet
	Shape model.KeyShape
	// Sink names the key sink: "(*memcache.Client).Get" or
	// `a hand-written memcached "get" command`.
	Sink string
	// Validating: the sink is a client that rejects unsafe keys.
	Validating bool
	// HandWritten: the sink is a command line the program writes itself.
	HandWritten bool
	// Via lists the wrappers between the caller and the sink, this function
	// first.
	Via []string
}

// ValueSink says that argument Param reaches a cached value, encoded by
// Encoder ("" for the bytes themselves); Item: the argument is the *Item.
type ValueSink struct {
	Param   int
	Encoder string
	Item    bool
	Sink    string
	Via     []string
}

// EncodedReturn says that the function returns argument Param encoded by
// Encoder.
type EncodedReturn struct {
	Param   int
	Encoder string
}

func (s *Summary) addValueSink(v ValueSink) bool {
	for _, q := range s.ValueSinks {
		if q.Param == v.Param && q.Encoder == v.Encoder && q.Sink == v.Sink && q.Item == v.Item {
			return false
		}
	}
	s.ValueSinks = append(s.ValueSinks, v)
	sort.SliceStable(s.ValueSinks, func(i, j int) bool { return s.ValueSinks[i].Param < s.ValueSinks[j].Param })
	return true
}

func (s *Summary) addEncodedReturn(param int, enc string) bool {
	r := EncodedReturn{Param: param, Encoder: enc}
	if slices.Contains(s.EncodedReturns, r) {
		return false
	}
	s.EncodedReturns = append(s.EncodedReturns, r)
	return true
}

// ParamBudget says that argument Param, scaled by Num/Den, reaches a
// memcache key in which Budget bytes are left for it.
type ParamBudget struct {
	Param       int
	Budget      int
	Num, Den    int
	Sink        string
	Validating  bool
	HandWritten bool
	Via         []string

	narrowed int // rounds in which the budget shrank, for widening
}

// widenAfter is how many rounds of the package's fixed point a length bound
// may keep growing (or a budget shrinking) before it is taken as
// unbounded. Functions are visited callees first, so only recursion needs
// more than a round or two.
const widenAfter = 8

// addBudget merges p into s, keeping the smallest budget, and reports
// whether s changed.
func (s *Summary) addBudget(p ParamBudget) bool {
	p.Budget = max(p.Budget, -1)
	for i := range s.LenSinks {
		q := &s.LenSinks[i]
		if q.Param == p.Param && q.Sink == p.Sink {
			if p.Budget*q.Den*p.Num >= q.Budget*p.Den*q.Num && p.Num*q.Den <= q.Num*p.Den {
				return false
			}
			// A budget still shrinking after widenAfter rounds comes from
			// a recursion that adds to the key on every call. It is kept
			// as it is then, so that the fixed point is reached: the
			// recursion's own growth goes unreported rather than every
			// argument of the function becoming a finding.
			if q.narrowed >= widenAfter {
				return false
			}
			p.narrowed = q.narrowed + 1
			*q = p
			return true
		}
	}
	s.LenSinks = append(s.LenSinks, p)
	sort.SliceStable(s.LenSinks, func(i, j int) bool { return s.LenSinks[i].Param < s.LenSinks[j].Param })
	return true
}

// ParamReturn says that argument Param flows to the result with Bytes of its
// unsafe bytes left.
type ParamReturn struct {
	Param int
	Bytes model.ByteSet
}

// ReturnedOrigin is attacker data (or unsafe construction) that the function
// returns whatever its arguments.
type ReturnedOrigin struct {
	Kind  OriginKind
	Desc  string
	Hint  string
	Bytes model.ByteSet
	Via   []string
}

// IsEmpty reports whether the summary says nothing a caller needs.
func (s *Summary) IsEmpty() bool {
	return s == nil || len(s.Sinks) == 0 && len(s.Returns) == 0 && len(s.Origins) == 0 &&
		len(s.LenSinks) == 0 && s.ResultLen == nil && len(s.ValueSinks) == 0 && len(s.EncodedReturns) == 0 && !s.Sanitizer && !s.Validator
}

func (s *Summary) String() string {
	var parts []string
	for _, p := range s.Sinks {
		parts = append(parts, fmt.Sprintf("param %d -> %s key (%s)", p.Param, p.Sink, p.Bytes))
	}
	for _, r := range s.Returns {
		if r.Bytes == 0 {
			parts = append(parts, fmt.Sprintf("param %d -> result (escaped)", r.Param))
		} else {
			parts = append(parts, fmt.Sprintf("param %d -> result (%s)", r.Param, r.Bytes))
		}
	}
	for _, o := range s.Origins {
		parts = append(parts, fmt.Sprintf("returns %s", o.Desc))
	}
	for _, v := range s.ValueSinks {
		enc := v.Encoder
		if enc == "" {
			enc = "raw"
		}
		parts = append(parts, fmt.Sprintf("param %d -> %s value (%s)", v.Param, v.Sink, enc))
	}
	for _, r := range s.EncodedReturns {
		parts = append(parts, fmt.Sprintf("param %d -> result (%s)", r.Param, r.Encoder))
	}
	for _, b := range s.LenSinks {
		parts = append(parts, fmt.Sprintf("param %d -> %s key (budget %d)", b.Param, b.Sink, b.Budget))
	}
	if r := s.ResultLen; r != nil {
		bound := strconv.Itoa(r.Max)
		for _, p := range r.Params {
			bound += fmt.Sprintf(" + %d/%d*param %d", p.Num, p.Den, p.Param)
		}
		for _, o := range r.Open {
			bound += " + " + o.Desc
		}
		parts = append(parts, "len(result) <= "+bound)
	}
	if s.Sanitizer {
		parts = append(parts, "sanitizer")
	}
	if s.Validator {
		parts = append(parts, "validator")
	}
	return strings.Join(parts, "; ")
}

// addSink merges p into s and reports whether s grew.
func (s *Summary) addSink(p ParamSink) bool {
	for i := range s.Sinks {
		q := &s.Sinks[i]
		if q.Param == p.Param && q.Sink == p.Sink && q.Shape == p.Shape {
			if q.Bytes|p.Bytes == q.Bytes {
				return false
			}
			q.Bytes |= p.Bytes
			return true
		}
	}
	s.Sinks = append(s.Sinks, p)
	sort.SliceStable(s.Sinks, func(i, j int) bool { return s.Sinks[i].Param < s.Sinks[j].Param })
	return true
}

func (s *Summary) addReturn(param int, bytes model.ByteSet) bool {
	for i := range s.Returns {
		if r := &s.Returns[i]; r.Param == param {
			if r.Bytes|bytes == r.Bytes {
				return false
			}
			r.Bytes |= bytes
			return true
		}
	}
	s.Returns = append(s.Returns, ParamReturn{Param: param, Bytes: bytes})
	sort.Slice(s.Returns, func(i, j int) bool { return s.Returns[i].Param < s.Returns[j].Param })
	return true
}

// addOrigin merges o into s and reports whether s grew. An origin is
// recorded once whatever path of wrappers it took, with the shortest path
// seen: keeping every path would let the summaries of mutually calling
// functions grow with the number of paths between them.
func (s *Summary) addOrigin(o ReturnedOrigin) bool {
	for i := range s.Origins {
		q := &s.Origins[i]
		if q.Desc == o.Desc && q.Kind == o.Kind {
			changed := false
			if q.Bytes|o.Bytes != q.Bytes {
				q.Bytes |= o.Bytes
				changed = true
			}
			if len(o.Via) < len(q.Via) {
				q.Via = o.Via
				changed = true
			}
			return changed
		}
	}
	s.Origins = append(s.Origins, o)
	return true
}

// mergeResultLen widens s.ResultLen by l and reports whether it grew.
func (s *Summary) mergeResultLen(l *LenSummary) bool {
	if s.ResultLen == nil {
		s.ResultLen = l
		return true
	}
	r := s.ResultLen
	changed := false
	if l.Max > r.Max {
		// Widening: a bound still growing after widenAfter rounds comes
		// from a recursion that adds bytes on every call. Its length is
		// not bounded, but it is not attacker data either: an unknown
		// part says so (reported only in strict mode), and the constant
		// part stops growing, so that the fixed point is reached.
		r.widened++
		if r.widened <= widenAfter {
			r.Max, changed = l.Max, true
		} else {
			grown := OpenSummary{Kind: OpenUnknown, Desc: "a string built by recursion"}
			if !slices.Contains(r.Open, grown) {
				r.Open, changed = append(r.Open, grown), true
			}
		}
	}
	for _, p := range l.Params {
		i := slices.IndexFunc(r.Params, func(q ScaledParam) bool { return q.Param == p.Param })
		switch {
		case i < 0:
			r.Params, changed = append(r.Params, p), true
		case p.Num*r.Params[i].Den > r.Params[i].Num*p.Den:
			r.Params[i], changed = p, true
		}
	}
	for _, o := range l.Open {
		if !slices.Contains(r.Open, o) {
			r.Open, changed = append(r.Open, o), true
		}
	}
	return changed
}
