package analyzers

import "github.com/cachevet/cachevet/analyzers/internal/flow"

// Relevance tells a driver which packages cachevet's analyzers need from
// source: those that can carry a fact that changes a finding (a wrapper of
// a memcache client or of a hand-written command, a function returning
// attacker data) and the user's own code. Every other dependency can be
// type-checked from export data, as gosec and go vet do, with the same
// findings. The analyzers apply the same rule, so a package a driver loads
// from source without needing it is still not analyzed.
type Relevance = flow.Relevance

// PackageInfo is what Relevance.Relevant needs to know of a package.
type PackageInfo = flow.PackageInfo

// NewRelevance returns the rule for the model and the analyzers' current
// options (configured sources and sinks name more packages); call it
// after the flags are parsed.
func NewRelevance() *Relevance { return flow.NewRelevance() }

// MentionsProtocol reports whether Go source text may hold a hand-written
// memcached command or a cachevet directive, which makes its package
// relevant whatever it imports.
func MentionsProtocol(src []byte) bool { return flow.MentionsProtocol(src) }

// StandardPath reports whether an import path names a package of the
// standard library: its first element has no dot.
func StandardPath(path string) bool { return flow.StandardPath(path) }
