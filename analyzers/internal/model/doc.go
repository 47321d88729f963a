// Package model is cachevet's declarative knowledge of memcached and of the
// Go APIs around it: which calls put a string into a memcache key (sinks),
// which values come from an attacker (sources), and how library functions
// change the bytes that flow through them (escapers, decoders, digests).
//
// Everything here is data. The flow engine (package flow) interprets it; the
// analyzers never name an API themselves. Adding a client library or a web
// framework means adding rows to these tables, not code.
package model
