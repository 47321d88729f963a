package model

import "slices"

// Writer describes a type that holds what is written into it: a buffer,
// a builder, a buffered writer. Each write method adds its argument's
// data to the writer's contents and each read method yields them; the
// rows of Funcs for them are made from this description (see init).
// Nothing empties the contents: Reset and Truncate clear them at run
// time, but the flow engine is a may-analysis, flow-insensitive on the
// heap, and keeps what any write may have put there.
type Writer struct {
	// Type is the writer's type as types.TypeString writes it.
	Type string
	// Writes are the methods whose argument 1 (after the receiver) is
	// written into the contents, constants too: b.WriteString("user ")
	// puts a space in every key b builds.
	Writes []string
	// Reads are the methods whose result holds the contents.
	Reads []string
	// ReadsInto are the methods that copy the contents into argument 1:
	// a byte slice (Read) or another writer (WriteTo).
	ReadsInto []string
}

// Writers are the writer types whose contents the flow engine follows.
// *bufio.Writer passes what it holds on to the writer it wraps (see
// bufio.NewWriter's row), which is where a reader looks for it.
var Writers = []Writer{
	{
		Type:      "*bytes.Buffer",
		Writes:    []string{"Write", "WriteString", "WriteByte", "WriteRune", "ReadFrom"},
		Reads:     []string{"String", "Bytes", "Next", "ReadBytes", "ReadString"},
		ReadsInto: []string{"Read", "WriteTo"},
	},
	{
		Type:   "*strings.Builder",
		Writes: []string{"Write", "WriteString", "WriteByte", "WriteRune"},
		Reads:  []string{"String"},
	},
	{
		Type:   "*bufio.Writer",
		Writes: []string{"Write", "WriteString", "WriteByte", "WriteRune", "ReadFrom"},
	},
}

// PeerWriters are writers whose reads are not what was written into
// them but what a peer answers: connections, and the buffered
// reader-writers and interfaces they travel as. What is written into one
// is not kept as its contents, or a reply read from it would hold the
// request.
var PeerWriters = []string{
	"net.Conn", "*net.TCPConn", "*net.UnixConn", "*net.UDPConn", "net.PacketConn", "*crypto/tls.Conn",
	"*bufio.ReadWriter", "io.ReadWriter", "io.ReadWriteCloser",
}

// writerFuncs are the functions that move data into or out of a writer
// without being a method of one.
var writerFuncs = map[string]Func{
	"io.Copy":               {Transform: Propagate, From: []int{1}, IntoWriter: true},
	"io.CopyN":              {Transform: Propagate, From: []int{1}, IntoWriter: true},
	"io.ReadAll":            {Transform: Propagate},
	"encoding/binary.Write": {Transform: Propagate, From: []int{2}, IntoWriter: true},
	"bytes.NewBuffer":       {Transform: Propagate},
	"bytes.NewBufferString": {Transform: Propagate},
	"bufio.NewWriter":       {WrapsWriter: true},
	"bufio.NewWriterSize":   {WrapsWriter: true},
	"github.com/vmihailenco/msgpack/v5.NewEncoder":                    {WrapsWriter: true},
	"(*github.com/vmihailenco/msgpack/v5.Encoder).Encode":             {Encoder: &msgpackEncoder},
	"(*github.com/vmihailenco/msgpack/v5.Encoder).SetCustomStructTag": {Role: SetsFallbackTag},
	// What an EncodeMsgpack or a MarshalXML method writes into the
	// encoder it is given.
	"(*github.com/vmihailenco/msgpack/v5.Encoder).EncodeString": {Transform: Propagate, From: []int{1}, IntoWriter: true},
	"(*github.com/vmihailenco/msgpack/v5.Encoder).EncodeBytes":  {Transform: Propagate, From: []int{1}, IntoWriter: true},
	"(*encoding/xml.Encoder).EncodeElement":                     {Encoder: &xmlEncoder},
}

func init() {
	add := func(name string, f Func) {
		if _, ok := Funcs[name]; ok {
			panic("model: two rows for " + name)
		}
		Funcs[name] = f
	}
	for _, w := range Writers {
		method := func(m string) string { return "(" + w.Type + ")." + m }
		for _, m := range w.Writes {
			add(method(m), Func{Transform: Propagate, From: []int{1}, IntoWriter: true, CopiesConstants: true})
		}
		for _, m := range w.Reads {
			add(method(m), Func{Transform: Propagate, From: []int{0}})
		}
		for _, m := range w.ReadsInto {
			add(method(m), Func{Transform: Propagate, From: []int{0}, Into: 1})
		}
	}
	for name, f := range writerFuncs {
		add(name, f)
	}
}

// WriterReads reports whether method m of a writer of type typ (as
// types.TypeString writes it) returns the writer's whole contents.
func WriterReads(typ, m string) bool {
	for _, w := range Writers {
		if w.Type == typ {
			return slices.Contains(w.Reads, m)
		}
	}
	return false
}
