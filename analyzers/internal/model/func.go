package model

// Func is everything the model knows about one library function or
// method: one row of Funcs. The zero value of every field means "nothing
// known", so a row names only what sets the function apart.
type Func struct {
	// Transform says how the call changes the bytes flowing through it.
	// Unmodelled leaves the call to the summary cachevet computed for it,
	// or to propagating its arguments; Special leaves it to the function's
	// handler in the flow engine.
	Transform Transform
	// Source, if set, makes the result (or the pointee of Into)
	// attacker-controlled.
	Source *Source
	// From lists the argument indexes (receiver = 0) the result is
	// computed from; nil means all of them.
	From []int
	// Into, if positive, is the argument whose pointee receives the data
	// instead of the result (json.Unmarshal's v, io.ReadFull's buf).
	Into int
	// MetadataKey, if positive, is the argument naming a gRPC metadata
	// key: the value of a constant key not ending in "-bin" is a header
	// value (a space or a tab at most), the others are base64-decoded by
	// the transport and may hold any byte.
	MetadataKey int
	// CopiesConstants: the result holds its constant arguments too, so
	// that strings.Join(keys, " ") puts a space in a key while
	// strings.TrimPrefix(s, " ") does not.
	CopiesConstants bool

	// Length bounds the result's length by its arguments.
	Length LengthRule
	// Unreserved: the result holds only characters that URL escaping
	// leaves alone (hex digits, decimal numbers, UUIDs).
	Unreserved bool

	// Guard is what a condition on the call's result proves about its
	// argument.
	Guard Guard
	// Validates, if set, is what the call's success proves about one of
	// its arguments (strconv.Atoi's nil error: the text is a number).
	Validates *Validation

	// NoReturn: the function never returns, so code after it is dead and
	// cannot undo a guard.
	NoReturn bool
	// NeverNil: the result is never nil, so a validator returning it
	// fails (errors.New, fmt.Errorf).
	NeverNil bool

	// Encoder, if set, serializes the argument (the receiver's argument for a method) into the
	// result or into the writer the encoder was made with.
	Encoder *Encoder
	// WrapsWriter: a constructor whose result writes what it is given
	// into its argument (json.NewEncoder(w), bufio.NewWriter(w)).
	WrapsWriter bool
	// IntoWriter: the call writes its data (the arguments From names)
	// into the contents of argument 0, a writer or the receiver
	// (buf.WriteString(s), fmt.Fprintf(w, ...)), which the writer's reads
	// (buf.String()) yield.
	IntoWriter bool
	// Encrypts: the result reveals nothing of the input.
	Encrypts bool

	// RuneFunc: a unicode predicate or case mapping that the interpreter
	// of strings.Map's mapping functions runs for real.
	RuneFunc bool

	// Write says where the writer and the bytes are in a call that sends
	// bytes to a writer, which may be a hand-written memcached command.
	Write HandWrittenWriteKind

	// Role names what the function does for the code that folds or
	// rewrites its calls outside the flow engine (see Role).
	Role Role
}

// Modelled reports whether the row describes the call's taint, which then
// replaces any summary of the function.
func (f Func) Modelled() bool { return f.Transform != Unmodelled || f.Source != nil }

// NeedsHandler reports whether some part of the row is judged by code: the
// flow engine's handler registry then has an entry for the function.
func (f Func) NeedsHandler() bool {
	return f.Transform == Special || f.Length.Kind == LengthSpecial || f.RuneFunc
}

func src(desc string, bytes ByteSet) Func {
	return Func{Source: &Source{Desc: desc, Bytes: bytes}}
}

func srcInto(desc string, into int) Func {
	return Func{Source: &Source{Desc: desc, Bytes: AnyUnsafe}, Into: into}
}

// readInto is a call that moves the data of its argument 0 into the
// pointee of argument into.
func readInto(into int) Func { return Func{Transform: Propagate, From: []int{0}, Into: into} }

var noReturn = Func{NoReturn: true}

// Cookie values cannot hold control bytes (net/http drops such cookies) but
// may hold a space.
const cookieBytes ByteSet = 1 << ' '

// HeaderBytes are the unsafe bytes a request header's value may hold: no
// control byte but the tab, no DEL, since net/http
// rejects any other in HTTP/1 (readRequest checks every value with
// httpguts.ValidHeaderFieldValue: no CTL unless it is LWS, a space or a
// tab) and so does the HTTP/2 framer (readMetaFrame, the same check on
// every decoded field, pseudo-headers included), in net/http's bundle as
// in golang.org/x/net/http2 under gRPC. A space or a tab may remain.
const HeaderBytes ByteSet = 1<<' ' | 1<<'\t'

// crlf is what base64 and base32 decoding skip.
const crlf ByteSet = 1<<'\r' | 1<<'\n'
