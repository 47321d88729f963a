package flow

import (
	"fmt"
	"go/types"
	"slices"

	"github.com/cachevet/cachevet/analyzers/internal/model"
	"golang.org/x/tools/go/ssa"
)

// A writer's contents are the heap of the writer's root: a write
// (model.Func.IntoWriter) stores the data written there, and a read of
// the writer (buf.String(), io.ReadAll(&buf), a row with From naming the
// receiver) reads that memory like any other. What was written keeps
// its taint, its sensitive fields and, through its origins, its unbounded
// length. A writer made to wrap another (json.NewEncoder(w),
// bufio.NewWriter(w)) passes what it is given on to the wrapped one.

// writeInto adds t to the contents of the writer w and of the writers w
// wraps; a writer that is a parameter of the function records the write
// in its summary, for the callers that pass their own writer.
func (e *engine) writeInto(w ssa.Value, t Taint) {
	for range 8 {
		if ci, ok := w.(*ssa.ChangeInterface); ok {
			w = ci.X // a net.Conn or an io.ReadWriter written as an io.Writer
		}
		if slices.Contains(model.PeerWriters, types.TypeString(dynamicType(w), nil)) {
			return
		}
		e.store(w, t)
		e.recordWrite(w, t)
		call, ok := e.resolve(w).(*ssa.Call)
		if !ok || len(call.Call.Args) == 0 || !e.calleeOf(call.Common()).row().WrapsWriter {
			return
		}
		w = call.Call.Args[0]
	}
}

// ParamWrite says that a function writes into the contents of its
// argument Into: part Path of argument Param with Bytes of its unsafe
// bytes left, encoded by Encoder ("" for the bytes themselves); or, if
// Own, data of its own that Origin describes (a constant, a sensitive
// field, attacker data it read). A helper that renders a key or a value
// into the buffer its caller hands it (writeKey(&b, id)) is followed so.
type ParamWrite struct {
	Into    int
	Param   int
	Path    string
	Encoder string
	Bytes   model.ByteSet
	Own     bool
	Origin  ReturnedOrigin
}

func (w ParamWrite) String() string {
	if w.Own {
		return fmt.Sprintf("writes %s into param %d", w.Origin.Desc, w.Into)
	}
	enc := w.Encoder
	if enc == "" {
		enc = w.Bytes.String()
	}
	return fmt.Sprintf("writes param %d%s into param %d (%s)", w.Param, w.Path, w.Into, enc)
}

// maxWrites bounds the writes a summary tells apart: a function writing
// many fields of many arguments is summarized by its first ones.
const maxWrites = 32

// addWrite merges w into s and reports whether s grew.
func (s *Summary) addWrite(w ParamWrite) bool {
	for i := range s.Writes {
		q := &s.Writes[i]
		same := q.Into == w.Into && q.Own == w.Own
		if w.Own {
			same = same && q.Origin.Kind == w.Origin.Kind && q.Origin.Desc == w.Origin.Desc
		} else {
			same = same && q.Param == w.Param && q.Path == w.Path && q.Encoder == w.Encoder
		}
		if same {
			if q.Bytes|w.Bytes == q.Bytes {
				return false
			}
			q.Bytes |= w.Bytes
			return true
		}
	}
	if len(s.Writes) >= maxWrites {
		return false
	}
	s.Writes = append(s.Writes, w)
	return true
}

// recordWrite records in the summary of the function that owns the
// writer w, if w is (part of) one of its parameters, what t writes there.
func (e *engine) recordWrite(w ssa.Value, t Taint) {
	root, _ := e.addr(w)
	p, ok := root.(*ssa.Parameter)
	if !ok || len(t) == 0 {
		return
	}
	fn, into := p.Parent(), paramIndex(p)
	if into < 0 {
		return
	}
	for _, o := range t.sorted() {
		var pw ParamWrite
		switch {
		case o.Kind == FromParam && o.Fn == fn && o.Param != into:
			pw = ParamWrite{Into: into, Param: o.Param, Path: o.Path, Encoder: o.Encoder, Bytes: t[o]}
		case o.Kind == FromShared:
			continue
		case o.Kind != FromParam:
			pw = ParamWrite{Into: into, Own: true, Bytes: t[o], Origin: ReturnedOrigin{Kind: o.Kind, Desc: o.Desc, Hint: o.Hint, Bytes: t[o], Via: o.Via, Class: o.Class, What: o.What}}
		default:
			continue
		}
		if e.summary(fn).addWrite(pw) {
			e.changed = true
		}
	}
}

// applyWrites writes into the callers' writers what the callee's summary
// says it writes into them.
func (e *engine) applyWrites(s *Summary, ce callee, as []ssa.Value, at ssa.Instruction) {
	for _, w := range s.Writes {
		if w.Into >= len(as) {
			continue
		}
		var t Taint
		switch {
		case w.Own:
			via := appendVia(w.Origin.Via, e.shortName(ce.obj))
			o := e.origin(originKey{kind: w.Origin.Kind, pos: at.Pos(), desc: w.Origin.Desc, via: joinVia(via)}, func(o *Origin) {
				o.Via = via
				o.Hint = w.Origin.Hint
				o.Class, o.What = w.Origin.Class, w.Origin.What
			})
			t = Taint{o: w.Bytes}
		case w.Param >= len(as):
			continue
		case w.Encoder != "":
			if enc, ok := encoderNamed(w.Encoder); ok {
				t = e.encoded(as[w.Param], enc, at)
			}
		default:
			mergeInto(&t, e.readPath(as[w.Param], w.Path, at), w.Bytes)
		}
		e.writeInto(as[w.Into], t)
	}
}

// writtenParts splits the contents of a writer that read returns
// (buf.Bytes(), b.String()) into the parts written, in their order, so
// that a command line assembled in a buffer and sent in one write
// (conn.Write(buf.Bytes())) is read as the command it is. It follows a
// local writer whose every write is a call in the block of the read,
// before it; ok is false otherwise.
func (e *engine) writtenParts(read *ssa.Call, depth int) (parts []part, ok bool) {
	ce := e.calleeOf(read.Common())
	if ce.obj == nil || ce.obj.Signature().Recv() == nil || len(read.Call.Args) != 1 ||
		!model.WriterReads(types.TypeString(ce.obj.Signature().Recv().Type(), nil), ce.obj.Name()) {
		return nil, false
	}
	root, path := e.addr(read.Call.Args[0])
	if _, local := root.(*ssa.Alloc); !local || path != "" {
		return nil, false
	}
	before := true
	for _, b := range read.Parent().Blocks {
		for _, instr := range b.Instrs {
			if instr == read {
				before = false
			}
			call, isCall := instr.(*ssa.Call)
			if !isCall {
				continue
			}
			as := args(call.Common())
			row := e.calleeOf(call.Common()).row()
			if !row.IntoWriter || len(as) < 2 {
				continue
			}
			if r, _ := e.addr(as[0]); r != root {
				continue
			}
			if b != read.Block() || !before {
				return nil, false
			}
			if row.Write == 0 {
				// A method of the writer, io.Copy, binary.Write: the
				// argument the row names is the data.
				if len(row.From) != 1 || row.From[0] >= len(as) {
					return nil, false
				}
				parts = append(parts, e.flatten(as[row.From[0]], depth+1)...)
				continue
			}
			written, ok := e.writeParts(row.Write, as, depth+1)
			if !ok {
				return nil, false
			}
			parts = append(parts, written...)
		}
	}
	return parts, len(parts) > 0
}
