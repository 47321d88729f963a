// Package model is cachevet's declarative knowledge of memcached and of the
// Go APIs around it: which calls put a string into a memcache key (sinks),
// which values come from an attacker (sources), and how library functions
// change the bytes that flow through them (escapers, decoders, digests).
//
// Everything here is data. The flow engine (package flow) interprets it; the
// analyzers never name an API themselves. Adding a client library or a web
// framework means adding rows to these tables, not code.
//
// Each library function has one row in Funcs, which says all the model
// knows of it: its taint transform, its length rule, what a condition on
// it proves, its role for the code that folds or rewrites calls. The few
// functions whose effect needs code (fmt's formats, strings.Map's mapping
// function) are marked Special or LengthSpecial, and their code is one
// entry of the flow engine's handler registry, keyed by the same name, as
// staticcheck's callcheck rules are.
//
// Sources are rows too: an accessor's row in Funcs, a field's in
// FieldSources, each with the bytes the framework lets through (header
// values a space or a tab, a decoded path any byte), read from the
// library's source and cited in a comment. Handlers that a framework
// calls with the client's data (gRPC services, gqlgen resolvers) are rows
// of Services, which say how generated code names their interfaces.
package model
