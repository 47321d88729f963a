package deploy

import "strings"

// word is one word of a command line written in a file: its value, if
// known, and where its text is.
type word struct {
	val        string
	known      bool
	start, end int  // offsets of the word's text, quotes included
	quote      byte // the quote the whole word is written in, or 0
}

// splitWords splits a command line the way a POSIX shell, systemd's
// ExecStart and Compose's string command all do for the commands cachevet
// judges: blanks separate words, single quotes keep text as is, double
// quotes and backslashes escape. A word that refers to a variable ($X,
// ${X}, $(X)) has an unknown value unless expand knows it; expand may be
// nil. base is the offset of line in the file. A word stops at an
// unquoted # only where comments is true.
func splitWords(line string, base int, comments bool, expand func(string) (string, bool)) []word {
	var out []word
	i := 0
	for i < len(line) {
		for i < len(line) && isBlank(line[i]) {
			i++
		}
		if i >= len(line) || comments && line[i] == '#' {
			break
		}
		w := word{start: base + i, known: true}
		var b strings.Builder
		raw := i
		for i < len(line) && !isBlank(line[i]) {
			switch c := line[i]; c {
			case '\'':
				j := strings.IndexByte(line[i+1:], '\'')
				if j < 0 {
					j = len(line) - i - 1
				}
				b.WriteString(line[i+1 : i+1+j])
				i += j + 2
			case '"':
				i++
				for i < len(line) && line[i] != '"' {
					if line[i] == '\\' && i+1 < len(line) {
						i++
					} else if line[i] == '$' {
						w.known = false
					}
					b.WriteByte(line[i])
					i++
				}
				i++
			case '\\':
				if i+1 < len(line) {
					b.WriteByte(line[i+1])
				}
				i += 2
			case '$':
				w.known = false
				b.WriteByte(c)
				i++
			default:
				b.WriteByte(c)
				i++
			}
		}
		i = min(i, len(line))
		w.end = base + i
		w.val = b.String()
		if text := line[raw:i]; len(text) >= 2 && (text[0] == '"' || text[0] == '\'') && text[len(text)-1] == text[0] {
			w.quote = text[0]
		}
		if !w.known && expand != nil {
			w.val, w.known = expand(line[raw:i])
		}
		out = append(out, w)
	}
	return out
}

func isBlank(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }

// rewrite returns the text of w with its value replaced by val, in w's
// quotes.
func (w word) rewrite(val string) string {
	if w.quote != 0 {
		return string(w.quote) + val + string(w.quote)
	}
	return val
}
