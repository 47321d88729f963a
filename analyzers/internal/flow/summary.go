package flow

import (
	"fmt"
	"sort"
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
	return s == nil || len(s.Sinks) == 0 && len(s.Returns) == 0 && len(s.Origins) == 0 && !s.Sanitizer && !s.Validator
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

func (s *Summary) addOrigin(o ReturnedOrigin) bool {
	for i := range s.Origins {
		q := &s.Origins[i]
		if q.Desc == o.Desc && q.Kind == o.Kind && strings.Join(q.Via, ",") == strings.Join(o.Via, ",") {
			if q.Bytes|o.Bytes == q.Bytes {
				return false
			}
			q.Bytes |= o.Bytes
			return true
		}
	}
	s.Origins = append(s.Origins, o)
	return true
}
