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
//
// Writers (model.Writers: bytes.Buffer, strings.Builder, bufio.Writer)
// hold what is written into them as the heap of their root, and their
// reads yield it: writes are rows with IntoWriter, constructors that wrap
// a writer (json.NewEncoder, bufio.NewWriter) rows with WrapsWriter. The
// heap is flow-insensitive, so Reset clears nothing. A type that encodes
// itself is judged by its marshaler's summary: the sensitive fields its
// result carries (see marshalerFields).
//
// Calls through function values apply their possible targets: the
// functions, closures and bound methods that flow to the value through
// phis, bindings, stores into the same field or variable anywhere in the
// package, and returns (see funcvalues.go). A called parameter cannot be
// resolved in its function; its summary records the call (ParamCall) and
// each caller applies it with the function it passes. Some memory is
// shared by functions that no call connects: a channel is the memory
// holding it, and a channel-typed field, a field of a request-scoped
// struct (one embedding a framework's context) and a request context
// value under a key are each one place for the package, exported to
// importers as a package fact (see shared.go, contextvalues.go).
//
// Some sources are parameters: a framework calls the methods implementing
// a gRPC service or gqlgen resolver interface with the client's data, by
// generated dispatch or reflection, so that no call edge shows where their
// parameters come from. The interfaces are recognized by the generated
// functions naming them (model.Services), in the package and those it
// imports, and the client's parameters of an implementation are seeded as
// sources beside their parameter origins (services.go).
//
// Lengths follow loops: a phi that a loop grows is bounded by its trips,
// a constant count or an array's length, or left open by what drives the
// loop (looplength.go); an integer compared with a constant is bounded on
// the edge the comparison proves, which bounds the sub-slice it cuts
// (indexbound.go).
//
// Interface calls reach the implementations the package sees: its own
// types, and a dependency's through the summary that package gives its
// interface methods. An implementation that only appears later (registered
// by name from a package that imports this one, wired by a blank import)
// is reached through a pending flow: the calling package records what it
// passes to the method as a fact, with portable positions, and the first
// package that declares and converts an implementation whose parameter
// reaches a sink reports there (dispatch.go). A call on the function's own
// interface parameter is summarized instead (a ParamCall), and reported
// at the caller that passes a store whose method sinks the argument
// (storecalls.go): a library's key, judged by the store the application
// chooses. An implementation of a package that does not import the
// interface's, handed to a call by main, is reported at that call.
package flow
