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
	// Writes are what the function writes into the contents of a writer
	// it is given (see writers.go).
	Writes []ParamWrite
	// LenSinks are parameters that reach a memcache key with a length
	// budget: the bytes they may hold before the key passes 250.
	LenSinks []ParamBudget
	// Calls are the parameters the function calls, functions or
	// interfaces, and with what (see paramcalls.go).
	Calls []ParamCall
	// Called is what calling the function's first result does, when it
	// is a function value: the sinks of the call's arguments.
	Called *Summary
	// ResultLen bounds the result's length, if it is a string.
	ResultLen *LenSummary
	// Sanitizer: the result never holds an unsafe byte (declared by
	// //cachevet:sanitizer or configuration).
	Sanitizer bool
	// Validator: a true result, or a nil error, means the first argument
	// holds no unsafe byte (declared by //cachevet:validator or
	// configuration).
	Validator bool
	// Proves lists what the function's success (a true result, a nil
	// error) proves about its arguments, inferred from its body (see
	// validator.go): the unsafe bytes they cannot hold and the bound of
	// their length. A declared validator's argument is proven whatever
	// the body says of its bytes.
	Proves []model.Validation
}

// ParamSink says that argument Param, or its part Path (".prefix" of a
// receiver, "" for all of it), reaches a memcache key.
type ParamSink struct {
	Param int
	Path  string
	// Bytes are the unsafe bytes of the argument that still reach the key
	// after whatever the function does to it.
	Bytes model.ByteSet
	// Decoded: the function decodes the argument on the way, so the key
	// may hold Bytes whatever the argument holds.
	Decoded bool
	Shape   model.KeyShape
	// Sink names the key sink: "(*memcache.Client).Get" or
	// `a hand-written memcached "get" command`.
	Sink string
	// Client names the client description of the sink ("" for a
	// hand-written command or a -sinks entry).
	Client string
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
	Path    string
	Encoder string
	Item    bool
	Sink    string
	Client  string
	Via     []string
}

// EncodedReturn says that the function returns argument Param encoded by
// Encoder.
type EncodedReturn struct {
	Param   int
	Encoder string
}

// maxParts bounds how many parts of one parameter (or, for returned
// origins, places in the result) a summary tells apart in detail; further
// ones are recorded for their first field, which stands for everything
// under it. Generated code copying wide structs into each other, or
// wrappers calling each other through an interface field (c.next.c.next
// ...), would otherwise give summaries of thousands of parts.
const maxParts = 16

// coarsen returns the first field of part once n parts are recorded.
func coarsen(part string, n int) string {
	if n < maxParts {
		return part
	}
	return firstField(part)
}

// firstField returns the first field of a part: ".c" of ".c.next.prefix".
func firstField(part string) string {
	for i := 1; i < len(part); i++ {
		if isSep(part[i]) {
			return part[:i]
		}
	}
	return part
}

// countParts counts the elements of list for which part says they are
// about a part of the same thing.
func countParts[T any](list []T, part func(T) bool) int {
	n := 0
	for _, x := range list {
		if part(x) {
			n++
		}
	}
	return n
}

func (s *Summary) addValueSink(v ValueSink) bool {
	if v.Path != "" {
		v.Path = coarsen(v.Path, countParts(s.ValueSinks, func(q ValueSink) bool { return q.Param == v.Param && q.Path != "" }))
	}
	for _, q := range s.ValueSinks {
		if q.Param == v.Param && q.Path == v.Path && q.Encoder == v.Encoder && q.Sink == v.Sink && q.Item == v.Item {
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
	Path        string
	Budget      int
	Num, Den    int
	Sink        string
	Client      string
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
	if p.Path != "" {
		p.Path = coarsen(p.Path, countParts(s.LenSinks, func(q ParamBudget) bool { return q.Param == p.Param && q.Path != "" }))
	}
	for i := range s.LenSinks {
		q := &s.LenSinks[i]
		if q.Param == p.Param && q.Path == p.Path && q.Sink == p.Sink {
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

// ParamReturn says that argument Param (or its part Path) flows to the
// result (or to its part At: the field of the struct a constructor
// returns) with Bytes of its unsafe bytes left.
type ParamReturn struct {
	Param int
	Path  string
	At    string
	Bytes model.ByteSet
	// Decoded: the function decodes the argument before returning it
	// (see ParamSink.Decoded).
	Decoded bool
}

// ReturnedOrigin is attacker data (or unsafe construction) that the function
// returns whatever its arguments.
type ReturnedOrigin struct {
	Kind OriginKind
	// At is the part of the result it is returned in: a constructor's
	// help text in ".help" does not reach a key built from ".prefix".
	At    string
	Desc  string
	Hint  string
	Bytes model.ByteSet
	Via   []string
	// Class and What describe a FromSensitive origin (see Origin).
	Class model.SensitiveClass
	What  string
}

// IsEmpty reports whether the summary says nothing a caller needs.
func (s *Summary) IsEmpty() bool {
	return s == nil || len(s.Sinks) == 0 && len(s.Returns) == 0 && len(s.Origins) == 0 &&
		len(s.LenSinks) == 0 && s.ResultLen == nil && len(s.ValueSinks) == 0 && len(s.EncodedReturns) == 0 && len(s.Writes) == 0 && len(s.Calls) == 0 && s.Called == nil && !s.Sanitizer && !s.Validator && len(s.Proves) == 0
}

func (s *Summary) String() string {
	var parts []string
	decoded := func(d bool) string {
		if d {
			return " decoded"
		}
		return ""
	}
	for _, p := range s.Sinks {
		parts = append(parts, fmt.Sprintf("param %d%s%s -> %s key (%s)", p.Param, p.Path, decoded(p.Decoded), p.Sink, p.Bytes))
	}
	for _, r := range s.Returns {
		if r.Bytes == 0 {
			parts = append(parts, fmt.Sprintf("param %d%s%s -> result%s (escaped)", r.Param, r.Path, decoded(r.Decoded), r.At))
		} else {
			parts = append(parts, fmt.Sprintf("param %d%s%s -> result%s (%s)", r.Param, r.Path, decoded(r.Decoded), r.At, r.Bytes))
		}
	}
	for _, o := range s.Origins {
		if o.At != "" {
			parts = append(parts, fmt.Sprintf("returns %s in result%s", o.Desc, o.At))
		} else {
			parts = append(parts, fmt.Sprintf("returns %s", o.Desc))
		}
	}
	for _, v := range s.ValueSinks {
		enc := v.Encoder
		if enc == "" {
			enc = "raw"
		}
		parts = append(parts, fmt.Sprintf("param %d%s -> %s value (%s)", v.Param, v.Path, v.Sink, enc))
	}
	for _, r := range s.EncodedReturns {
		parts = append(parts, fmt.Sprintf("param %d -> result (%s)", r.Param, r.Encoder))
	}
	for _, c := range s.Calls {
		what := ""
		if c.Method != "" {
			what = "'s " + c.Method
		}
		parts = append(parts, fmt.Sprintf("calls param %d%s with params %v and %d passed", c.Param, what, c.Args, len(c.Passed)))
	}
	for _, b := range s.LenSinks {
		parts = append(parts, fmt.Sprintf("param %d%s -> %s key (budget %d)", b.Param, b.Path, b.Sink, b.Budget))
	}
	for _, w := range s.Writes {
		parts = append(parts, w.String())
	}
	if r := s.ResultLen; r != nil {
		bound := strconv.Itoa(r.Max)
		for _, p := range r.Params {
			bound += fmt.Sprintf(" + %d/%d*param %d%s", p.Num, p.Den, p.Param, p.Path)
		}
		for _, o := range r.Open {
			bound += " + " + o.Desc
		}
		parts = append(parts, "len(result) <= "+bound)
	}
	if s.Called != nil {
		parts = append(parts, "calling the result: "+s.Called.String())
	}
	if s.Sanitizer {
		parts = append(parts, "sanitizer")
	}
	if s.Validator {
		parts = append(parts, "validator")
	}
	for _, v := range s.Proves {
		p := fmt.Sprintf("success proves param %d holds %s", v.Arg, (model.AnyUnsafe &^ v.Removes).String())
		if v.MaxLen != model.NoBound {
			p += fmt.Sprintf(" in %d bytes", v.MaxLen)
		}
		parts = append(parts, p)
	}
	return strings.Join(parts, "; ")
}

// addSink merges p into s and reports whether s grew.
func (s *Summary) addSink(p ParamSink) bool {
	if p.Path != "" {
		p.Path = coarsen(p.Path, countParts(s.Sinks, func(q ParamSink) bool { return q.Param == p.Param && q.Path != "" }))
	}
	return mergeBytes(&s.Sinks, p, p.Bytes, func(q *ParamSink) (*model.ByteSet, int) { return &q.Bytes, q.Param },
		func(q *ParamSink) bool {
			return q.Param == p.Param && q.Path == p.Path && q.Sink == p.Sink && q.Shape == p.Shape && q.Decoded == p.Decoded
		})
}

// mergeBytes merges entry p, which carries bytes, into list: into the
// entry same finds by adding the bytes to it, or else as a new entry, kept
// in parameter order. fields gives an entry's bytes and parameter. It
// reports whether the list grew.
func mergeBytes[T any](list *[]T, p T, bytes model.ByteSet, fields func(*T) (*model.ByteSet, int), same func(*T) bool) bool {
	for i := range *list {
		if q := &(*list)[i]; same(q) {
			b, _ := fields(q)
			if *b|bytes == *b {
				return false
			}
			*b |= bytes
			return true
		}
	}
	*list = append(*list, p)
	param := func(i int) int { _, n := fields(&(*list)[i]); return n }
	sort.SliceStable(*list, func(i, j int) bool { return param(i) < param(j) })
	return true
}

func (s *Summary) addReturn(p ParamReturn) bool {
	if p.Path != "" || p.At != "" {
		n := countParts(s.Returns, func(q ParamReturn) bool { return q.Param == p.Param && (q.Path != "" || q.At != "") })
		p.Path, p.At = coarsen(p.Path, n), coarsen(p.At, n)
	}
	return mergeBytes(&s.Returns, p, p.Bytes, func(r *ParamReturn) (*model.ByteSet, int) { return &r.Bytes, r.Param },
		func(r *ParamReturn) bool {
			return r.Param == p.Param && r.Path == p.Path && r.At == p.At && r.Decoded == p.Decoded
		})
}

// addOrigin merges o into s and reports whether s grew. An origin is
// recorded once whatever path of wrappers it took, with the shortest path
// seen: keeping every path would let the summaries of mutually calling
// functions grow with the number of paths between them.
func (s *Summary) addOrigin(o ReturnedOrigin) bool {
	if o.At != "" {
		o.At = coarsen(o.At, countParts(s.Origins, func(q ReturnedOrigin) bool { return q.Desc == o.Desc && q.Kind == o.Kind && q.At != "" }))
	}
	for i := range s.Origins {
		q := &s.Origins[i]
		if q.Desc == o.Desc && q.Kind == o.Kind && q.At == o.At {
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
		i := slices.IndexFunc(r.Params, func(q ScaledParam) bool { return q.Param == p.Param && q.Path == p.Path })
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
