package cacheserver

import (
	"errors"
	"fmt"
	"io"
	"math"
	"net"
	"os"
	"time"
)

// Protocol selects which wire protocols a server accepts (memcached -B).
type Protocol int

const (
	// ProtocolAuto negotiates per connection: a first byte of 0x80
	// selects the binary protocol, anything else the text protocol.
	ProtocolAuto Protocol = iota
	ProtocolASCII
	ProtocolBinary
)

func (p Protocol) String() string {
	switch p {
	case ProtocolASCII:
		return "ascii"
	case ProtocolBinary:
		return "binary"
	}
	return "auto-negotiate"
}

// Config describes a server. The zero value is not useful; start from
// DefaultConfig, which matches memcached's defaults.
type Config struct {
	// ListenAddrs are the interfaces for TCP listeners (memcached -l),
	// each a host or host:port; nil means 127.0.0.1. As with net.Listen,
	// "" and "0.0.0.0" mean every interface. Port is the TCP port (-p);
	// 0 picks a free one. Servers driven through Serve ignore both.
	ListenAddrs []string
	Port        int
	// UDPPort is only reported in "stats settings"; UDP is not served.
	UDPPort int
	// UnixSocket, if set, is a unix socket path to listen on (-s)
	// instead of TCP; UnixMask is memcached's "access mask" (-a): the
	// socket's permission bits, 0700 by default.
	UnixSocket string
	UnixMask   os.FileMode

	MaxBytes     int64 // memory limit for items (-m)
	MaxConns     int   // connection limit (-c)
	ItemSizeMax  int   // largest item (-I)
	Threads      int   // reported worker threads (-t); affects fd numbering
	DisableCAS   bool  // -C
	DisableEvict bool  // -M: return errors instead of evicting
	DisableDump  bool  // -X: no "stats cachedump" / "lru_crawler metadump"
	DisableWatch bool  // -W: no "watch"
	DisableFlush bool  // -F: no flush_all
	Protocol     Protocol
	IdleTimeout  time.Duration // -o idle_timeout
	// ReqsPerEvent is memcached -R: how many requests a connection runs
	// before it yields to others (counted in "stats" conn_yields); 0
	// means memcached's default of 20.
	ReqsPerEvent int
	// ReadBufMemLimit is memcached -o read_buf_mem_limit in bytes: the
	// memory for connection read buffers and response objects, split
	// between the Threads; 0 means unlimited (connmem.go).
	ReadBufMemLimit int64
	// NoModern is memcached -o no_modern: one plain LRU per slab class,
	// up to 5 expired or flushed items reclaimed from its tail before
	// each allocation, and no background LRU maintainer.
	NoModern bool
	// InitialMalloc is the memory memcached counts as already allocated
	// at start-up ("stats slabs" total_malloced); memcached takes it
	// from $T_MEMD_INITIAL_MALLOC, which cmd/cacheserver reads too.
	InitialMalloc int64
	// DebugTime enables the "debugtime" command of memcached's debug
	// build (memcached-debug), which its test suite uses to move the
	// clock: "debugtime N" moves it N seconds, "p" pauses it, "r"
	// resumes it. Release builds of memcached answer ERROR, as
	// cacheserver does without it.
	DebugTime bool
	Verbosity int       // -v count; 2 traces every command like memcached -vv
	Log       io.Writer // destination of the verbose trace (default os.Stderr)
	User      string    // -u: cmd/cacheserver, run as root, becomes this user after binding

	// SASL enables binary-protocol SASL PLAIN authentication (-S)
	// against SASLUsers (user -> password).
	SASL      bool
	SASLUsers map[string]string
	// AuthFile holds ASCII authentication tokens (-Y): user -> password.
	// When non-nil every text command needs a prior "set" login.
	AuthFile map[string]string

	// Hardened departs from memcached 1.6.18 where it is unsafe: a
	// rejected storage line swallows its data block when its length is
	// certain and closes the connection otherwise, dump/watch/me
	// commands are refused, and non-loopback listeners need auth.
	Hardened bool

	// Observer, if set, is called for every command a connection runs.
	Observer func(ConnInfo, Command)

	// Now replaces time.Now, for tests that need a controlled clock.
	Now func() time.Time
}

// DefaultConfig returns memcached 1.6.18's defaults, listening on
// 127.0.0.1:11211 (not on every interface, unlike memcached).
func DefaultConfig() Config {
	return Config{
		ListenAddrs:  []string{"127.0.0.1"},
		Port:         11211,
		UnixMask:     0o700,
		MaxBytes:     64 << 20,
		MaxConns:     1024,
		ItemSizeMax:  1 << 20,
		Threads:      4,
		Protocol:     ProtocolAuto,
		ReqsPerEvent: defaultReqsPerEvent,
	}
}

// defaultReqsPerEvent is memcached's settings.reqs_per_event.
const defaultReqsPerEvent = 20

func (c *Config) authFileEnabled() bool { return c.AuthFile != nil }

// ConnInfo identifies a connection to an Observer.
type ConnInfo struct {
	ID         int // memcached-style file descriptor number
	RemoteAddr net.Addr
	LocalAddr  net.Addr
	Protocol   string // "ascii", "binary" or "auto-negotiate"
}

// Command is one command as executed by a connection.
type Command struct {
	Verb string   // e.g. "get", "set", "mg"; binary opcodes as "bin:get"
	Keys []string // the keys the command names
	Line []byte   // the raw command line (text) or packet header (binary)
}

// validate fills defaults and checks option combinations the way
// memcached does at start-up.
func (c *Config) validate() error {
	def := DefaultConfig()
	if c.MaxBytes <= 0 {
		c.MaxBytes = def.MaxBytes
	}
	if c.MaxConns <= 0 {
		c.MaxConns = def.MaxConns
	}
	if c.ItemSizeMax <= 0 {
		c.ItemSizeMax = def.ItemSizeMax
	}
	if c.Threads <= 0 {
		c.Threads = def.Threads
	}
	if c.ReqsPerEvent == 0 {
		c.ReqsPerEvent = def.ReqsPerEvent
	}
	if c.UnixMask == 0 {
		c.UnixMask = def.UnixMask
	}
	if c.ItemSizeMax < 1024 {
		//lint:ignore ST1005 memcached's exact start-up message
		return errors.New("Item max size cannot be less than 1024 bytes.")
	}
	if c.ItemSizeMax > 1<<30 {
		//lint:ignore ST1005 memcached's exact start-up message
		return errors.New("Cannot set item size limit higher than 1/2 of memory max.")
	}
	if c.ReadBufMemLimit < 0 || c.ReadBufMemLimit > math.MaxUint32 {
		// memcached keeps the limit in bytes in an unsigned int.
		return fmt.Errorf("cacheserver: ReadBufMemLimit %d outside 0 to %d bytes", c.ReadBufMemLimit, uint32(math.MaxUint32))
	}
	if c.NoModern && c.ItemSizeMax < slabPageSize {
		// no_modern makes the largest chunk a whole page.
		return fmt.Errorf("slab_chunk_max (bytes: %d) cannot be larger than -I (item_size_max %d)", slabPageSize, c.ItemSizeMax)
	}
	if c.Hardened {
		c.DisableDump = true
		c.DisableWatch = true
	}
	return nil
}
