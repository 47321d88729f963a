// Package keyinjection defines an Analyzer that reports attacker-controlled
// or otherwise unsafe bytes reaching a memcache key.
//
// # Analyzer keyinjection
//
// keyinjection: report memcache keys that may hold a space, CR/LF or other control byte
//
// Memcached's text protocol is line based and space separated. A key that
// carries LF ends the command line and starts another one, so
//
//	mc.Get(r.FormValue("id")) // id = "foo\r\nset evil 0 0 5\r\nhello"
//
// makes a hand-written client send a `set` the attacker chose; a space turns
// `get` into a multi-get that discloses other keys and corrupts `set` and
// `delete` lines. Clients that validate keys, such as
// github.com/bradfitz/gomemcache, refuse such keys with ErrMalformedKey, which
// turns the same bug into failed requests and cache bypass on the attacker's
// demand.
//
// The analyzer tracks data on SSA from untrusted sources (net/http request
// accessors, gorilla/mux, chi, gin, echo and fiber v2 parameters, os.Args,
// data read from an accepted net.Conn, text returned by a dependency
// cachevet does not analyze when given the request) and from unsafe
// constructions (a constant with a space, fmt's %v of a slice or struct,
// raw digest bytes) to key sinks: the key arguments of gomemcache's Client
// methods, the Key of an Item passed to Set, Add, Replace, Append, Prepend
// or CompareAndSwap, and the key of a
// command line written by hand to a net.Conn or bufio.Writer, such as
// fmt.Fprintf(conn, "get %s\r\n", key).
//
// A key assembled in a bytes.Buffer, strings.Builder or bufio.Writer
// (b.WriteString(prefix); b.WriteString(id); mc.Get(b.String())) holds
// what was written into it, by its own methods, fmt.Fprintf, io.WriteString
// or a helper that writes into the writer its caller hands it. Writes are
// never undone: Reset clears nothing for the analysis.
//
// Sanitizers are judged by what they do to the bytes, not by their names:
// url.QueryEscape, url.PathEscape, hex, base32 and base64 encoding make data
// safe (url.QueryUnescape and base64 decoding make it raw again, also inside
// a helper of another package, whose summary says it decodes); numbers and
// parsed UUIDs formatted again are clean; strings.ReplaceAll, strings.Map and
// a strings.Replacer count only for the bytes they really remove; digests
// count only once hex or base64 encoded. A guard that dominates the sink
// removes from the key the bytes it proves absent, and only those: a
// regexp match with a pattern anchored at both ends (inline, or in a
// package variable of this package or another), a comparison with
// constants or a switch over them, an allow-list map or slices.Contains of
// constants, strings.ContainsAny and its relatives, a byte or rune loop
// that returns early, a library validator (strconv.Atoi, uuid.Validate,
// net.ParseIP, hex.DecodeString...), or a function whose true result or
// nil error implies such a guard, found from its body in any package
// with no annotation, or declared. Look-alikes prove what they check:
// strings.ContainsAny(k, " \r\n") lets a tab through, ^\S+$ other
// control bytes, uuid.Parse anything in the braces' place.
//
// Functions that pass a parameter into a key become sinks themselves, in
// this package and in every package that imports it (the analysis exports
// their summaries as facts, as the printf checker does for printf wrappers);
// functions that return request data become sources. The finding is reported
// once, where the untrusted value enters the outermost wrapper, with related
// information at the source and at the wrapper, and with a suggested fix.
// The fix wraps the tainted operand in url.QueryEscape when the escaped key
// (up to three times longer) still fits in 250 bytes, and otherwise hashes
// it (SHA-256, hex encoded) with the same edits as keylength's fix; the
// message's advice says which of the two the key needs. It
// hashes the keys of a GetMulti list one by one, giving the items back
// under the keys as passed, and rewrites keys that make up unsafe bytes in
// their own syntax: a space in a literal of the key becomes ':', %v of a
// slice joins its elements with ',', fmt.Sprint gets separators, and raw
// digest bytes are hex encoded.
//
// How far the flow reaches. Calls through function values (method values
// and expressions, function-typed fields, elements of maps and slices of
// functions, closures returned by a function of another package, callbacks
// a function of any package calls, generic instantiations) apply what
// their possible targets do; keys sent on a channel reach the goroutine
// that receives them; request data a middleware stores in a request-scoped
// struct or under a context key reaches the handlers that read it, also
// when neither package imports the other: the package that wires both in
// (main) reports the pair where it refers to the handler. A call
// through an interface reaches the implementations the package sees, and
// those that only appear later (registered by name from an adapter's init,
// handed out by main) through a fact that the first package seeing both
// reports at the implementation's sink, or, for a type that main hands
// out and its own package does not, where main hands it out: a call, an
// assignment to another package's variable or a field, a composite
// literal. A library that builds a key and calls a store it is handed is
// reported at the application's call that hands it a memcache-backed
// store, naming the library function. Not followed: what a returned
// closure does with what it captured, and code loaded from export data
// only (a dependency that uses no memcache client, no modelled framework
// and no hand-written command).
//
// Declare your own sanitizers and validators with a directive in the
// function's doc comment, or with the -sanitizers and -validators flags
// (comma-separated full names such as example.com/keys.Clean or
// (*example.com/keys.Checker).Valid):
//
//	//cachevet:validator
//	func validKey(k string) bool { ... }
//
// Silence one finding with a reason:
//
//	//cachevet:ignore keyinjection ids are checked by the router
package keyinjection
