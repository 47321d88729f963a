package flow

import (
	"go/types"
	"slices"
	"strings"

	"github.com/cachevet/cachevet/analyzers/internal/model"
	"github.com/cachevet/cachevet/analyzers/internal/ssautil"
	"golang.org/x/tools/go/ssa"
)

// isProtocolWriter reports whether w is a writer a memcached command line
// may travel through.
func (e *engine) isProtocolWriter(w ssa.Value) bool {
	switch x := w.(type) {
	case *ssa.MakeInterface:
		w = x.X
	case *ssa.ChangeInterface:
		w = x.X
	}
	s := types.TypeString(w.Type(), nil)
	return slices.Contains(model.ProtocolWriters, s)
}

// part is a piece of a hand-written command: literal text, or a value
// formatted with a verb (0 for plain concatenation).
type part struct {
	lit   string
	isLit bool
	val   ssa.Value
	verb  rune
	sharp bool
}

func (e *engine) checkHandWritten(call ssa.CallInstruction, kind model.HandWrittenWriteKind, as []ssa.Value) {
	if len(as) < 2 || !e.isProtocolWriter(as[0]) {
		return
	}
	parts, ok := e.writeParts(kind, as, 0)
	if !ok {
		return
	}
	parts = e.expand(parts)
	if len(parts) == 0 || !parts[0].isLit {
		return
	}
	verb, ok := model.LeadingVerb(parts[0].lit, kind == model.WriteFprintln)
	if !ok {
		return
	}
	info := SinkInfo{Name: `a hand-written memcached "` + verb + `" command`, HandWritten: true}
	// A key is a token of the command line: the parts between spaces. Its
	// length is that of all its parts, literal text included.
	var token Length
	var tokenKey ssa.Value
	endToken := func() {
		if tokenKey != nil {
			e.checkLengthOf(call, tokenKey, token, 1, 1, nil, info, MaxKeyLength)
		}
		token, tokenKey = Length{}, nil
	}
	for i, p := range parts {
		if p.isLit {
			rest := p.lit
			if i == 0 {
				rest = strings.TrimPrefix(rest[len(verb):], " ")
			}
			line, _, newline := strings.Cut(rest, "\n")
			if j := strings.LastIndexByte(line, ' '); j >= 0 {
				token.Max += strings.IndexByte(line, ' ')
				endToken()
				line = line[j+1:]
			}
			token.Max += len(strings.TrimSuffix(line, "\r"))
			if newline {
				endToken()
				// The command line ends here; what follows is a data block.
				if model.StorageVerbs[verb] {
					e.checkDataBlock(call, parts[i+1:], info)
				}
				return
			}
			continue
		}
		t := e.read(p.val, call)
		l := e.lengthAt(p.val, call.Block())
		if p.verb != 0 {
			t = e.verbTaint(p.verb, p.sharp, p.val, call)
			l = e.verbLength(p.verb, p.val)
		}
		e.checkKey(call, p.val, t, info, model.AnyUnsafe)
		token = addLengths(token, l)
		if tokenKey == nil {
			tokenKey = p.val
		}
	}
	endToken()
}

// writeParts splits what a write call of the given kind sends into
// literal text and values.
func (e *engine) writeParts(kind model.HandWrittenWriteKind, as []ssa.Value, depth int) ([]part, bool) {
	var parts []part
	switch kind {
	case model.WriteFprintf:
		if len(as) != 3 {
			return nil, false
		}
		f, ok := ssautil.ConstString(as[1])
		if !ok {
			return nil, false
		}
		return formatParts(f, as[2])
	case model.WriteFprint, model.WriteFprintln:
		ops, ok := ssautil.Variadic(as[1])
		if !ok {
			return nil, false
		}
		for _, op := range ops {
			if s, ok := ssautil.ConstString(op); ok {
				parts = append(parts, part{lit: s, isLit: true})
			} else {
				parts = append(parts, part{val: op})
			}
		}
	case model.WriteData:
		parts = e.flatten(as[1], depth)
	}
	return parts, true
}

// expand flattens the operands printed as they are (%s, %v, Fprint), so
// that a strings.Join(keys, " ") operand is seen as the multi-get it is.
func (e *engine) expand(parts []part) []part {
	var out []part
	for _, p := range parts {
		if !p.isLit && (p.verb == 0 || p.verb == 's' || p.verb == 'v') && !p.sharp {
			out = append(out, e.flatten(p.val, 1)...)
			continue
		}
		out = append(out, p)
	}
	return out
}

func formatParts(format string, packed ssa.Value) ([]part, bool) {
	pieces, ops, ok := formatCall(format, packed)
	if !ok {
		return nil, false
	}
	var parts []part
	for _, p := range pieces {
		switch {
		case p.operand < 0:
			parts = append(parts, part{lit: p.lit, isLit: true})
		case p.operand < len(ops):
			parts = append(parts, part{val: ops[p.operand], verb: p.verb, sharp: p.sharp})
		}
	}
	return parts, true
}

// flatten splits the bytes of a command being written into literal text
// and values, through concatenation, conversions and fmt.Sprintf.
func (e *engine) flatten(v ssa.Value, depth int) []part {
	if depth > 16 {
		return []part{{val: v}}
	}
	if s, ok := ssautil.ConstString(v); ok {
		return []part{{lit: s, isLit: true}}
	}
	switch x := v.(type) {
	case *ssa.BinOp:
		if x.Op.String() == "+" {
			return append(e.flatten(x.X, depth+1), e.flatten(x.Y, depth+1)...)
		}
	case *ssa.Convert:
		return e.flatten(x.X, depth+1)
	case *ssa.Call:
		if parts, ok := e.writtenParts(x, depth); ok {
			return parts
		}
		switch e.calleeOf(x.Common()).row().Role {
		case model.Printf:
			if f, ok := ssautil.ConstString(x.Call.Args[0]); ok {
				if parts, ok := formatParts(f, x.Call.Args[1]); ok {
					var out []part
					for _, p := range parts {
						if p.isLit || p.verb != 's' && p.verb != 'v' {
							out = append(out, p)
						} else {
							out = append(out, e.flatten(p.val, depth+1)...)
						}
					}
					return out
				}
			}
		case model.JoinStrings:
			// Keys joined by spaces: the multi-get the programmer meant.
			if sep, ok := ssautil.ConstString(x.Call.Args[1]); ok && sep == " " {
				return []part{{val: x.Call.Args[0]}}
			}
		}
	}
	return []part{{val: v}}
}

// checkDataBlock checks the value parts of a hand-written storage command.
func (e *engine) checkDataBlock(call ssa.CallInstruction, parts []part, info SinkInfo) {
	for _, p := range parts {
		if p.isLit {
			if strings.Contains(p.lit, "\n") {
				return
			}
			continue
		}
		t := e.read(p.val, call)
		if p.verb != 0 {
			t = e.verbTaint(p.verb, p.sharp, p.val, call)
		}
		e.checkValue(call, p.val, t, info)
	}
}
