package flow

import (
	"go/token"
	"go/types"
	"sort"

	"github.com/cachevet/cachevet/analyzers/internal/model"
	"golang.org/x/tools/go/ssa"
)

// OriginKind classifies where unsafe bytes come from.
type OriginKind uint8

const (
	// FromSource is attacker-controlled input.
	FromSource OriginKind = iota
	// FromConstruction is unsafe by construction: a constant holding a space
	// or control byte, fmt's spaces between elements, raw digest bytes.
	FromConstruction
	// FromParam is a parameter of the function being summarized.
	FromParam
	// FromSensitive is a secret or personal field (User.PasswordHash):
	// harmless in a key's bytes, harmful in a cached value.
	FromSensitive
	// FromShared is what packages this one does not import may store in
	// a shared place (see sharedreads.go): Desc names the place. It is
	// neither reported nor summarized; a key it reaches is a SharedRead.
	FromShared
)

// Construction says how a FromConstruction origin makes unsafe bytes.
type Construction uint8

const (
	// ConstantBytes is a constant or format holding a space or control byte.
	ConstantBytes Construction = iota + 1
	// ElementSpaces are the spaces fmt's %v puts between the elements of a
	// slice, array, map or struct.
	ElementSpaces
	// OperandSpaces is the space fmt.Sprint puts between two operands
	// neither of which is a string.
	OperandSpaces
	// LineSpaces are the spaces and the newline of fmt.Sprintln.
	LineSpaces
	// RawDigest are a digest's bytes, not encoded.
	RawDigest
)

// Origin is one place unsafe bytes come from.
type Origin struct {
	Kind OriginKind
	// Desc names the origin in a diagnostic.
	Desc string
	// Pos is where it enters the current package; NoPos for parameters.
	Pos token.Pos
	// Fn and Param identify a FromParam origin, and Path the part of
	// the parameter read (".cfg.prefix" of a receiver c read as
	// c.cfg.prefix), "" for the whole: summaries then say which part of
	// an argument goes where, so that a receiver's help text does not
	// taint the key its prefix field builds.
	Fn    *ssa.Function
	Param int
	Path  string
	// Field is the declaration of a FromSensitive field.
	Field *types.Var
	// Decoded: a FromParam origin whose data the function decoded
	// (url.PathUnescape, a URL's Path): whatever bytes the caller's data
	// holds, escaped or not, what comes out may hold any unsafe byte.
	Decoded bool
	// Encoder is the serializer a FromSensitive field or a FromParam
	// parameter went through before reaching a value ("" if none).
	Encoder string
	// Class and What say what kind of sensitive data a FromSensitive
	// field holds: secrets (a password), contact data (an e-mail).
	Class model.SensitiveClass
	What  string
	// Hint says how to remove unsafe bytes of construction, and Made
	// how they were made, for the fix that removes them.
	Hint string
	Made Construction
	// Text is the constant or format of a ConstantBytes origin.
	Text string
	// Via lists the wrappers the data came out of, outermost last, for
	// origins that a called function's summary returned.
	Via []string

	id int // creation order, for deterministic output
}

// Taint maps each origin reaching a value to the unsafe bytes it may still
// contribute there. An origin with no bytes left is still tracked: its data
// is attacker-controlled, only escaped.
type Taint map[*Origin]model.ByteSet

// Unsafe returns the bytes any label may contribute.
func (t Taint) Unsafe() model.ByteSet {
	var b model.ByteSet
	for _, bytes := range t {
		b |= bytes
	}
	return b
}

// mergeInto adds src to *dst, masking each label's bytes with mask, and
// reports whether *dst grew.
func mergeInto(dst *Taint, src Taint, mask model.ByteSet) bool {
	changed := false
	for o, b := range src {
		b &= mask
		if *dst == nil {
			*dst = Taint{}
		}
		old, ok := (*dst)[o]
		if !ok || old|b != old {
			(*dst)[o] = old | b
			changed = true
		}
	}
	return changed
}

// transformed returns t after a call with the given transform.
func (e *engine) transformed(t Taint, tr model.Transform) Taint {
	switch tr {
	case model.Escape:
		return withBytes(t, func(model.ByteSet) model.ByteSet { return 0 })
	case model.Decode:
		// What the sender chose may hide any byte behind an escape;
		// decoding what the program made (a hex digest, a constant)
		// gives back what it put in. A parameter's data becomes a decoded
		// parameter, so that the summary tells callers that what they
		// pass comes out raw even if they escaped it.
		if len(t) == 0 {
			return nil
		}
		out := make(Taint, len(t))
		for o, b := range t {
			switch {
			case o.Kind == FromConstruction:
				out[o] |= b
			case o.Kind == FromParam && o.Encoder == "" && !o.Decoded:
				out[e.decodedParam(o)] = model.AnyUnsafe
			default:
				out[o] = model.AnyUnsafe
			}
		}
		return out
	case model.Quote:
		return withBytes(t, func(b model.ByteSet) model.ByteSet { return b & model.ByteBit(' ') })
	case model.Clean:
		return nil
	}
	return t
}

func withBytes(t Taint, f func(model.ByteSet) model.ByteSet) Taint {
	if len(t) == 0 {
		return nil
	}
	out := make(Taint, len(t))
	for o, b := range t {
		out[o] = f(b)
	}
	return out
}

// Sorted returns the origins of t in creation order.
func (t Taint) Sorted() []*Origin { return t.sorted() }

// sorted returns the origins of t in creation order.
func (t Taint) sorted() []*Origin {
	os := make([]*Origin, 0, len(t))
	for o := range t {
		os = append(os, o)
	}
	sort.Slice(os, func(i, j int) bool { return os[i].id < os[j].id })
	return os
}
