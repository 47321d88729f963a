package flow

import "github.com/cachevet/cachevet/analyzers/internal/model"

// A proof is what a guard establishes about a value on its valid edge,
// the one meaning keyinjection and keylength both read: the value holds
// none of the unsafe bytes in removes, and if maxLen is not
// model.NoBound, it is at most maxLen bytes long.
type proof struct {
	removes model.ByteSet
	maxLen  int
}

// noProof says nothing.
var noProof = proof{maxLen: model.NoBound}

// impossible is what a path that never succeeds proves: everything. It is
// the identity of or, so that the returns of a validator that fail drop
// out of what its successful ones prove.
var impossible = proof{removes: model.AnyUnsafe, maxLen: 0}

// proofOf makes a proof; an empty value holds no byte at all.
func proofOf(removes model.ByteSet, maxLen int) proof {
	if maxLen == 0 {
		removes = model.AnyUnsafe
	}
	return proof{removes: removes, maxLen: maxLen}
}

// bounded reports whether p bounds the length.
func (p proof) bounded() bool { return p.maxLen != model.NoBound }

// says reports whether p proves anything.
func (p proof) says() bool { return p.removes != 0 || p.bounded() }

// and is what holds when both p and q hold.
func (p proof) and(q proof) proof {
	n := p.maxLen
	if !p.bounded() || q.bounded() && q.maxLen < n {
		n = q.maxLen
	}
	return proofOf(p.removes|q.removes, n)
}

// or is what holds when one of p and q holds.
func (p proof) or(q proof) proof {
	n := max(p.maxLen, q.maxLen)
	if !p.bounded() || !q.bounded() {
		n = model.NoBound
	}
	return proofOf(p.removes&q.removes, n)
}

// validation is p said of argument arg of a call that succeeds so.
func (p proof) validation(arg int, success model.Success) model.Validation {
	return model.Validation{Arg: arg, Removes: p.removes, MaxLen: p.maxLen, Success: success}
}

// validationProof is what a validation proves of its argument.
func validationProof(v model.Validation) proof { return proofOf(v.Removes, v.MaxLen) }
