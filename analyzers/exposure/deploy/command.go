package deploy

import (
	"strings"

	"github.com/cachevet/cachevet/analyzers/internal/exposed"
)

// command is a memcached command line declared in a file.
type command struct {
	args []word // the arguments after the program name
	// complete says that args are all the arguments memcached gets.
	complete bool
	// start and end delimit the declaration, where a finding about the
	// command as a whole (no -l) is reported.
	start, end int
	// addListen adds -l 127.0.0.1 in the file's syntax, or is nil.
	addListen *Fix
}

// addListenMessage describes the fix that adds -l 127.0.0.1.
const addListenMessage = "Listen on loopback only (-l 127.0.0.1)"

// insertFix is a fix that inserts text at off.
func insertFix(msg string, off int, text string) *Fix {
	return &Fix{Message: msg, Edits: []Edit{{Start: off, End: off, New: text}}}
}

// judge reports what exposed.Judge finds in a memcached command line.
func (s *source) judge(c command) {
	in := make([]exposed.Arg, len(c.args))
	for i, w := range c.args {
		in[i] = exposed.Arg{Val: w.val, Known: w.known}
	}
	for _, f := range exposed.Judge(exposed.ParseCommand(in, c.complete), exposed.ShellArgs) {
		if f.Arg < 0 {
			s.report(c.start, c.end, f.Message, c.addListen)
			continue
		}
		w := c.args[f.Arg]
		var fix *Fix
		if f.Replacement != "" {
			msg := "Listen on loopback"
			if f.Problem == exposed.UDPOn {
				msg = "Disable UDP"
			}
			fix = replaceFix(msg, w.start, w.end, w.rewrite(f.Replacement))
		}
		s.report(w.start, w.end, f.Message, fix)
	}
}

// memcachedArgs returns the arguments memcached gets from a container
// whose entrypoint and command are given (either may be nil), and whether
// it runs memcached at all. image is the container's image: the official
// memcached image's entrypoint runs memcached with the command as its
// arguments when the first starts with a "-", as the documentation of
// the image says.
func memcachedArgs(image string, entrypoint, cmd []word) ([]word, bool) {
	if len(entrypoint) > 0 {
		prog := entrypoint[0]
		if !prog.known || !exposed.IsMemcached(prog.val) {
			return nil, false
		}
		return append(entrypoint[1:len(entrypoint):len(entrypoint)], cmd...), true
	}
	if len(cmd) == 0 || !cmd[0].known {
		return nil, false
	}
	if exposed.IsMemcached(cmd[0].val) {
		return cmd[1:], true
	}
	if exposed.IsMemcachedImage(image) && strings.HasPrefix(cmd[0].val, "-") {
		return cmd, true
	}
	return nil, false
}

// shellCommand strips what a shell command line starts with before the
// program it runs: "exec memcached ..." runs memcached.
func shellCommand(words []word) []word {
	if len(words) > 0 && words[0].known && words[0].val == "exec" {
		return words[1:]
	}
	return words
}
