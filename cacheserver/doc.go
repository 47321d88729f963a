// Package cacheserver is a reference memcached server: an in-process
// reimplementation of memcached 1.6.18 that reproduces its wire behaviour
// byte for byte, quirks included, so that tools and tests can study how a
// real memcached reacts to malformed or malicious input.
//
// # Storage
//
// Items live in a hash table with one LRU list per memcached slab class.
// Sizes are accounted as memcached does (48-byte header, key, flags
// suffix, value, CAS) and take a chunk of their slab class; a class takes
// 1 MiB pages from Config.MaxBytes as it fills (its first page always),
// and once no page is left it evicts its own least recently used items
// (or fails with "SERVER_ERROR out of memory storing object" when
// evictions are disabled). An LRU maintainer reclaims expired items in
// the background, as memcached's does. Values larger than Config.ItemSizeMax are never
// buffered: the data block is swallowed while it is read. Expiry follows
// memcached: exptimes up to 30 days are relative, larger ones are unix
// times, negative ones expire immediately; flush_all [delay] invalidates
// lazily by time and CAS.
//
// # Protocols
//
// The text protocol covers the storage, retrieval, arithmetic, touch,
// stats (general, items, slabs, settings, conns, cachedump), lru_crawler
// metadump, watch, verbosity, version, quit and meta (mg, ms, md, ma, mn,
// me) commands. The binary protocol, including quiet variants and SASL
// PLAIN, is served when negotiated (first byte 0x80 with ProtocolAuto) or
// forced. ASCII authentication (memcached -Y) is supported through
// Config.AuthFile.
//
// # Faithful and hardened modes
//
// By default the server is faithful to memcached 1.6.18, including its
// unsafe behaviours: a storage line rejected for a too-long key (or bad
// flags, exptime or length) does not swallow its data block, which is
// then executed as a command; only 0x20 separates tokens; NUL truncates a
// line; lengths and flags are truncated to 32 bits; dumps and watch expose
// every key. Config.Hardened swallows the data block of a rejected storage
// line only when the line's syntax leaves no doubt about its length, and
// closes the connection otherwise (README, "hardened contract"); it
// refuses stats cachedump, lru_crawler metadump, me and watch, and makes
// Start refuse non-loopback addresses unless authentication is configured.
//
// # API
//
// New creates a server from a Config (start from DefaultConfig). Start
// listens on the configured TCP addresses and unix socket; Serve accepts
// on a caller-supplied listener, which is how tests run servers in
// process. Config.Observer sees every command a connection runs (verb,
// keys, raw line), so integration tests can prove that an injected
// command executed. Close stops everything.
//
// # Testing code that uses memcached
//
// RunT starts a server for a test on a free loopback port and closes it
// when the test ends. FastForward and SetTime move the server's clock, so
// items expire without waiting; Set, Get, Delete, Keys, Dump and Flush
// seed and inspect the cache from Go; SetHook, FaultFor and SetError make
// text commands fail, stall, vanish or hang up; Restart drops every
// connection and listens again on the same addresses with the data kept;
// Dial and DialContext serve in-memory connections; CommandCounts tells
// how many commands of each verb arrived.
package cacheserver
