package deploy

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/moby/buildkit/frontend/dockerfile/parser"
)

// instruction is a CMD or ENTRYPOINT of a Dockerfile.
type instruction struct {
	words      []word
	json       bool // exec form: a JSON array
	start, end int  // the instruction's text
	last       int  // where an argument can be appended: after the last word, or -1
}

// checkDockerfile judges the memcached command of every stage of a
// Dockerfile or Containerfile, parsed with BuildKit's own parser: the
// stage's ENTRYPOINT and CMD, or its CMD alone on a memcached image.
func (s *source) checkDockerfile() error {
	res, err := parser.Parse(bytes.NewReader(s.data))
	if err != nil {
		return err
	}
	var image string
	var entrypoint, cmd *instruction
	judgeStage := func() {
		if entrypoint == nil && cmd == nil {
			return
		}
		var ep, c []word
		if entrypoint != nil {
			ep = entrypoint.words
			if !entrypoint.json {
				ep = shellCommand(ep)
			}
		}
		if cmd != nil && (entrypoint == nil || entrypoint.json) {
			c = cmd.words
			if !cmd.json && entrypoint == nil {
				c = shellCommand(c)
			}
		}
		args, ok := memcachedArgs(image, ep, c)
		if !ok {
			return
		}
		at := cmd
		if at == nil || len(c) == 0 {
			at = entrypoint
		}
		com := command{args: args, complete: true, start: at.start, end: at.end}
		if at.last >= 0 {
			text := " -l 127.0.0.1"
			if at.json {
				text = `, "-l", "127.0.0.1"`
			}
			com.addListen = insertFix(addListenMessage, at.last, text)
		}
		s.judge(com)
	}
	for _, n := range res.AST.Children {
		switch strings.ToLower(n.Value) {
		case "from":
			judgeStage()
			image, entrypoint, cmd = "", nil, nil
			if n.Next != nil {
				image = n.Next.Value
			}
		case "cmd", "entrypoint":
			in, err := s.instruction(n)
			if err != nil {
				return err
			}
			if strings.EqualFold(n.Value, "cmd") {
				cmd = in
			} else {
				entrypoint = in
			}
		}
	}
	judgeStage()
	return nil
}

// instruction locates the words of a CMD or ENTRYPOINT node in the file.
func (s *source) instruction(n *parser.Node) (*instruction, error) {
	start := s.lineStart(n.StartLine)
	end := s.lineEnd(s.lineStart(n.EndLine))
	text := string(s.data[start:end])
	// The keyword, then the arguments.
	kw := strings.IndexFunc(text, func(r rune) bool { return r != ' ' && r != '\t' })
	argsAt := kw + len(n.Value)
	in := &instruction{start: start + kw, end: end, json: n.Attributes["json"], last: -1}
	if !in.json {
		// Line continuations become blanks of the same length, so that
		// offsets stay those of the file.
		body := strings.NewReplacer("\\\r\n", "   ", "\\\n", "  ").Replace(text[argsAt:])
		in.words = splitWords(body, start+argsAt, false, nil)
		if len(in.words) > 0 {
			in.last = in.words[len(in.words)-1].end
		}
		return in, nil
	}
	cursor := argsAt
	for a := n.Next; a != nil; a = a.Next {
		var buf bytes.Buffer
		enc := json.NewEncoder(&buf)
		enc.SetEscapeHTML(false)
		if err := enc.Encode(a.Value); err != nil {
			return nil, err
		}
		lit := strings.TrimSuffix(buf.String(), "\n")
		i := strings.Index(text[cursor:], lit)
		if i < 0 {
			return nil, fmt.Errorf("line %d: cannot find %s in the instruction", n.StartLine, lit)
		}
		w := word{val: a.Value, known: true, start: start + cursor + i, end: start + cursor + i + len(lit), quote: '"'}
		in.words = append(in.words, w)
		cursor += i + len(lit)
		in.last = w.end
	}
	return in, nil
}
