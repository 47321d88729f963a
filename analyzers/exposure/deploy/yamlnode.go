package deploy

import (
	"strings"

	"gopkg.in/yaml.v3"
)

// get returns the value of key in a mapping node, or nil.
func get(m *yaml.Node, key string) *yaml.Node {
	if m == nil || m.Kind != yaml.MappingNode {
		return nil
	}
	for i := 0; i+1 < len(m.Content); i += 2 {
		if m.Content[i].Value == key {
			return m.Content[i+1]
		}
	}
	return nil
}

// path follows keys through nested mappings.
func path(m *yaml.Node, keys ...string) *yaml.Node {
	for _, k := range keys {
		m = get(m, k)
	}
	return m
}

// str returns the value of a scalar node, or "".
func str(n *yaml.Node) string {
	if n == nil || n.Kind != yaml.ScalarNode {
		return ""
	}
	return n.Value
}

// items returns the elements of a sequence node.
func items(n *yaml.Node) []*yaml.Node {
	if n == nil || n.Kind != yaml.SequenceNode {
		return nil
	}
	return n.Content
}

// span returns the offsets of a scalar node's text, quotes included.
// yaml.v3 gives where a node starts; where it ends is found in the text:
// at the closing quote, or for a plain scalar before a comment, the end of
// the line or, in a flow collection, the next separator.
func (s *source) span(n *yaml.Node, flow bool) (start, end int) {
	start = min(s.lineStart(n.Line)+max(n.Column-1, 0), len(s.data))
	eol := s.lineEnd(start)
	text := string(s.data[start:eol])
	switch n.Style {
	case yaml.DoubleQuotedStyle:
		for i := 1; i < len(text); i++ {
			if text[i] == '\\' {
				i++
			} else if text[i] == '"' {
				return start, start + i + 1
			}
		}
		return start, eol
	case yaml.SingleQuotedStyle:
		for i := 1; i < len(text); i++ {
			if text[i] == '\'' {
				if i+1 < len(text) && text[i+1] == '\'' {
					i++
					continue
				}
				return start, start + i + 1
			}
		}
		return start, eol
	case yaml.LiteralStyle, yaml.FoldedStyle:
		return start, eol
	}
	if i := strings.Index(text, " #"); i >= 0 {
		text = text[:i]
	}
	if flow {
		if i := strings.IndexAny(text, ",]}"); i >= 0 {
			text = text[:i]
		}
	}
	return start, start + len(strings.TrimRight(text, " \t\r"))
}

// scalarWord is a scalar node as one word of a command; expand resolves a
// value that refers to variables, or is nil.
func (s *source) scalarWord(n *yaml.Node, flow bool, expand func(string) (string, bool)) word {
	start, end := s.span(n, flow)
	w := word{val: n.Value, known: n.Kind == yaml.ScalarNode, start: start, end: end}
	switch n.Style {
	case yaml.DoubleQuotedStyle:
		w.quote = '"'
	case yaml.SingleQuotedStyle:
		w.quote = '\''
	}
	if w.known && strings.Contains(w.val, "$") && expand != nil {
		w.val, w.known = expand(w.val)
	}
	return w
}

// commandWords returns the words of a command written as a YAML list or,
// where shell is true, as a string split like a shell command line.
func (s *source) commandWords(n *yaml.Node, shell bool, expand func(string) (string, bool)) []word {
	if n == nil {
		return nil
	}
	switch n.Kind {
	case yaml.SequenceNode:
		flow := n.Style&yaml.FlowStyle != 0
		var out []word
		for _, it := range n.Content {
			out = append(out, s.scalarWord(it, flow, expand))
		}
		return out
	case yaml.ScalarNode:
		if !shell {
			return nil
		}
		start, end := s.span(n, false)
		if n.Style == yaml.DoubleQuotedStyle || n.Style == yaml.SingleQuotedStyle {
			start, end = start+1, end-1
		}
		if n.Style == yaml.LiteralStyle || n.Style == yaml.FoldedStyle {
			// Text on the lines below: positions are approximate, at the node.
			ws := splitWords(n.Value, start, false, expand)
			for i := range ws {
				ws[i].start, ws[i].end = start, end
			}
			return ws
		}
		return splitWords(string(s.data[start:end]), start, false, expand)
	}
	return nil
}

// appendListen returns the fix that appends -l 127.0.0.1 to a command
// written as n, or nil.
func (s *source) appendListen(n *yaml.Node, words []word) *Fix {
	if n == nil || len(words) == 0 {
		return nil
	}
	last := words[len(words)-1]
	switch {
	case n.Kind == yaml.ScalarNode && (n.Style == 0 || n.Style == yaml.DoubleQuotedStyle || n.Style == yaml.SingleQuotedStyle):
		return insertFix(addListenMessage, last.end, " -l 127.0.0.1")
	case n.Kind == yaml.SequenceNode && n.Style&yaml.FlowStyle != 0:
		return insertFix(addListenMessage, last.end, `, "-l", "127.0.0.1"`)
	case n.Kind == yaml.SequenceNode:
		item := n.Content[len(n.Content)-1]
		// The "- " of a block sequence item is two columns before it.
		indent := strings.Repeat(" ", max(item.Column-3, 0))
		return insertFix(addListenMessage, last.end, "\n"+indent+"- -l\n"+indent+"- 127.0.0.1")
	}
	return nil
}
