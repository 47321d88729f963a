package deploy

import (
	"bytes"
	"strings"

	"github.com/coreos/go-systemd/v22/unit"
)

// checkUnit judges the ExecStart= lines of a systemd service unit that run
// memcached. The unit is parsed with go-systemd's parser, which keeps no
// positions: each ExecStart= it returns is then found, in order, in the
// file's [Service] section.
func (s *source) checkUnit() error {
	opts, err := unit.DeserializeOptions(bytes.NewReader(s.data))
	if err != nil {
		return err
	}
	lines := s.execStartLines()
	n := 0
	for _, o := range opts {
		if o.Section != "Service" || o.Name != "ExecStart" {
			continue
		}
		if n >= len(lines) {
			break
		}
		off := lines[n]
		n++
		value := string(s.data[off:s.lineEnd(off)])
		// Prefixes that change how systemd runs the program, not what it runs.
		trimmed := strings.TrimLeft(value, "-@:+! \t")
		off += len(value) - len(trimmed)
		if strings.TrimSpace(trimmed) != strings.TrimLeft(strings.TrimSpace(o.Value), "-@:+!") {
			continue // a continued line: not judged
		}
		words := splitWords(strings.TrimRight(trimmed, " \t\r"), off, false, nil)
		if len(words) == 0 || !words[0].known || !isMemcachedWord(words[0]) {
			continue
		}
		last := words[len(words)-1]
		s.judge(command{args: words[1:], complete: true, start: off, end: last.end,
			addListen: insertFix(addListenMessage, last.end, " -l 127.0.0.1")})
	}
	return nil
}

// execStartLines returns where the value of each ExecStart= line of the
// [Service] section starts.
func (s *source) execStartLines() []int {
	var out []int
	section, off := "", 0
	for _, l := range strings.SplitAfter(string(s.data), "\n") {
		t := strings.TrimSpace(l)
		switch {
		case strings.HasPrefix(t, "["):
			section = strings.Trim(t, "[]")
		case section == "Service" && strings.HasPrefix(t, "ExecStart"):
			if name, _, ok := strings.Cut(t, "="); ok && strings.TrimSpace(name) == "ExecStart" {
				out = append(out, off+strings.Index(l, "=")+1)
			}
		}
		off += len(l)
	}
	return out
}
