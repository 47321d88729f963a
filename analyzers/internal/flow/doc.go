// Package flow is cachevet's data-flow engine. It tracks, on SSA, which
// values may hold unsafe bytes (see model.ByteSet) and where they came from,
// through assignments, phis, concatenation, fmt, the strings package,
// slices, maps, struct fields and closures, and across functions and
// packages through summaries that the analyzers store as analysis Facts.
//
// A value's taint is a set of labels, each an Origin (attacker input, an
// unsafe constant, raw digest bytes, or a parameter of the function being
// summarized) with the unsafe bytes it may still contribute. Escaping clears
// a label's bytes but keeps its origin, so decoding can make it raw again.
//
// Summaries are computed the way the printf pass finds printf wrappers: a
// function whose parameter reaches a memcache key becomes a sink for that
// parameter, one whose result carries attacker data becomes a source, and a
// parameter that flows to the result is described by the bytes that survive
// the trip. Findings are reported where a concrete origin meets a sink, which
// is the outermost call where the attacker's value enters a wrapper.
package flow
