package deploy

import (
	"strings"

	"github.com/cachevet/cachevet/analyzers/internal/exposed"
)

func isMemcachedWord(w word) bool { return exposed.IsMemcached(w.val) }

// checkMemcachedConf judges a Debian /etc/memcached.conf: memcached's
// options, one or more a line, # comments, which Debian's
// start-memcached passes to memcached as they are.
func (s *source) checkMemcachedConf() {
	var args []word
	off := 0
	for _, l := range strings.SplitAfter(string(s.data), "\n") {
		args = append(args, splitWords(strings.TrimRight(l, "\r\n"), off, true, nil)...)
		off += len(l)
	}
	// A missing -l is reported at the first option.
	start, end := 0, s.lineEnd(0)
	if len(args) > 0 {
		start = s.lineStart(s.line(args[0].start))
		end = s.lineEnd(start)
	}
	add := "-l 127.0.0.1\n"
	if len(s.data) > 0 && s.data[len(s.data)-1] != '\n' {
		add = "\n" + add
	}
	s.judge(command{args: args, complete: true, start: start, end: end, addListen: insertFix(addListenMessage, len(s.data), add)})
}

// checkSysconfig judges a RHEL/Fedora /etc/sysconfig/memcached: shell
// assignments that memcached.service passes as
// memcached -p ${PORT} -u ${USER} -m ${CACHESIZE} -c ${MAXCONN} $OPTIONS.
func (s *source) checkSysconfig() {
	var port, options []word
	optionsAt := -1 // where -l can be added in OPTIONS' value
	off := 0
	for _, l := range strings.SplitAfter(string(s.data), "\n") {
		t := strings.TrimRight(l, "\r\n")
		name, value, ok := strings.Cut(t, "=")
		name = strings.TrimPrefix(strings.TrimSpace(name), "export ")
		if ok && !strings.HasPrefix(strings.TrimSpace(t), "#") {
			vOff := off + len(t) - len(value)
			ws := splitWords(value, vOff, true, nil)
			if len(ws) == 1 {
				w := ws[0]
				switch name {
				case "PORT":
					port = []word{{val: "-p", known: true, start: w.start, end: w.end}, w}
				case "OPTIONS":
					// $OPTIONS is unquoted in ExecStart: its value is split again.
					inner, base := w.val, w.start
					if w.quote != 0 {
						base++
					}
					if w.known {
						options = splitWords(inner, base, false, nil)
					} else {
						options = []word{w}
					}
					optionsAt = base
				}
			}
		}
		off += len(l)
	}
	var fix *Fix
	switch {
	case optionsAt >= 0 && len(options) > 0:
		fix = insertFix(addListenMessage, optionsAt, "-l 127.0.0.1 ")
	case optionsAt >= 0:
		fix = insertFix(addListenMessage, optionsAt, "-l 127.0.0.1")
	default:
		add := "OPTIONS=\"-l 127.0.0.1\"\n"
		if len(s.data) > 0 && s.data[len(s.data)-1] != '\n' {
			add = "\n" + add
		}
		fix = insertFix(addListenMessage, len(s.data), add)
	}
	// A missing -l is reported at OPTIONS, or else the first line.
	start := 0
	if optionsAt >= 0 {
		start = s.lineStart(s.line(optionsAt))
	}
	s.judge(command{args: append(port, options...), complete: true, start: start, end: s.lineEnd(start), addListen: fix})
}
