package cacheserver

import (
	"strings"
	"sync/atomic"
	"time"
)

// Fault injection for tests: a hook sees each text-protocol command
// (meta commands included) before it runs and may delay it, answer it
// with a reply of its own, drop it or close the connection. Binary
// commands are not hooked.

// Fault says what happens to a command instead of, or before, running.
// The zero Fault runs the command normally.
type Fault struct {
	// Delay is waited before anything else happens.
	Delay time.Duration
	// Reply, if set, is sent (with "\r\n" appended) instead of running
	// the command, e.g. "SERVER_ERROR out of memory storing object".
	Reply string
	// Drop swallows the command: it does not run and nothing is sent.
	Drop bool
	// Close closes the connection without running the command or
	// sending replies still queued.
	Close bool
}

// Hook decides the Fault for a command. It runs on the connection's
// goroutine, so it may block, and must be safe for concurrent use.
type Hook func(ConnInfo, Command) Fault

// SetHook installs h (nil removes it) for commands read from now on.
func (s *Server) SetHook(h Hook) {
	if h == nil {
		s.hook.Store(nil)
		return
	}
	s.hook.Store(&h)
}

// SetError makes every text command answer "SERVER_ERROR msg", as if
// the server were failing; SetError("") ends it. It replaces any hook.
func (s *Server) SetError(msg string) {
	if msg == "" {
		s.SetHook(nil)
		return
	}
	s.SetHook(func(ConnInfo, Command) Fault { return Fault{Reply: "SERVER_ERROR " + msg} })
}

// FaultFor returns a Hook that applies f to commands with the given verb
// ("" for any) naming the given key ("" for any), and runs the others.
func FaultFor(verb, key string, f Fault) Hook {
	return func(_ ConnInfo, cmd Command) Fault {
		if verb != "" && cmd.Verb != verb {
			return Fault{}
		}
		if key != "" && !containsString(cmd.Keys, key) {
			return Fault{}
		}
		return f
	}
}

func containsString(xs []string, x string) bool {
	for _, s := range xs {
		if s == x {
			return true
		}
	}
	return false
}

// errFaultClose ends a connection the way a crash would: queued
// replies are not sent.
var errFaultClose = &faultCloseError{}

type faultCloseError struct{}

func (*faultCloseError) Error() string { return "cacheserver: connection closed by a fault hook" }

// hookSlot holds the installed Hook, read on every text command.
type hookSlot = atomic.Pointer[Hook]

// applyHook runs the hook, if any, on a text command. run reports
// whether the command should still run; a dropped or answered storage
// command has its data block swallowed.
func (c *conn) applyHook(verb string, t *tokenLine, line []byte) (run bool, err error) {
	h := c.srv.hook.Load()
	if h == nil {
		return true, nil
	}
	cmd := Command{Verb: verb, Line: append([]byte(nil), line...)}
	for _, k := range commandKeys(verb, t, line) {
		cmd.Keys = append(cmd.Keys, string(k))
	}
	f := (*h)(c.info(), cmd)
	if f.Delay > 0 {
		time.Sleep(f.Delay)
	}
	switch {
	case f.Close:
		return false, errFaultClose
	case f.Drop || f.Reply != "":
		if n, ok := dataBlockLength(verb, t); ok {
			if err := c.discard(n); err != nil {
				return false, err
			}
		}
		if f.Reply != "" {
			c.write([]byte(strings.TrimSuffix(f.Reply, "\r\n") + "\r\n"))
		}
		return false, nil
	}
	return true, nil
}

// dataBlockLength is the size of the data block (with its "\r\n") that
// follows a storage command line.
func dataBlockLength(verb string, t *tokenLine) (int64, bool) {
	var tok []byte
	switch verb {
	case "set", "add", "replace", "append", "prepend", "cas":
		tok = t.arg(4)
	case "ms":
		tok = t.arg(2)
	default:
		return 0, false
	}
	n, ok := parseInt32(tok)
	if !ok || n < 0 {
		return 0, false
	}
	return int64(n) + 2, true
}
