package cacheserver

import "bytes"

// maxTokens is memcached's MAX_TOKENS: a line is split into at most 23
// tokens; whatever follows is left for the caller (multi-key gets continue
// tokenizing it, other commands see too many tokens).
const maxTokens = 24

// tokenLine is a command line split the way memcached's tokenize_command
// splits it: only 0x20 separates tokens, and runs of spaces collapse.
type tokenLine struct {
	tokens [][]byte
	store  [maxTokens][]byte // backing array for tokens, avoids allocation
	// rest is the unprocessed remainder after maxTokens-1 tokens, or nil.
	rest []byte
}

// ntokens is memcached's ntokens: the tokens plus the terminal token.
func (t *tokenLine) ntokens() int { return len(t.tokens) + 1 }

// arg returns token i, or nil when absent (memcached's terminal token has
// a NULL value, and tokens past it are never read).
func (t *tokenLine) arg(i int) []byte {
	if i < len(t.tokens) {
		return t.tokens[i]
	}
	return nil
}

func tokenize(line []byte) tokenLine {
	var t tokenLine
	t.split(line)
	return t
}

// split tokenizes line into t, whose store backs t.tokens. Unlike
// tokenize it lets a caller keep the tokenLine (640 bytes) on its stack.
func (t *tokenLine) split(line []byte) {
	t.tokens = t.store[:0]
	t.rest = nil
	s := 0
	for e := 0; e < len(line); e++ {
		if line[e] != ' ' {
			continue
		}
		if s != e {
			t.tokens = append(t.tokens, line[s:e])
			if len(t.tokens) == maxTokens-1 {
				if e+1 < len(line) {
					t.rest = line[e+1:]
				}
				return
			}
		}
		s = e + 1
	}
	if s < len(line) {
		t.tokens = append(t.tokens, line[s:])
	}
}

// commandLine cuts a raw line at its first NUL byte, as memcached's C
// string handling does.
func commandLine(raw []byte) []byte {
	if i := bytes.IndexByte(raw, 0); i >= 0 {
		return raw[:i]
	}
	return raw
}
