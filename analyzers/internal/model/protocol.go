package model

import "strings"

// CommandVerbs are the memcached text and meta commands that take a key as
// their first argument. A hand-written command line starting with one of
// them, followed by a space, is a key sink.
var CommandVerbs = []string{
	"get", "gets", "gat", "gats", "set", "add", "replace", "append", "prepend",
	"cas", "delete", "incr", "decr", "touch", "mg", "ms", "md", "ma",
}

// LeadingVerb returns the memcached command verb s starts with, if s starts
// with a verb followed by a space (or is exactly a verb, for fmt.Fprintln,
// which inserts the space itself).
func LeadingVerb(s string, spaceAdded bool) (string, bool) {
	for _, v := range CommandVerbs {
		if strings.HasPrefix(s, v+" ") || (spaceAdded && s == v) {
			return v, true
		}
	}
	return "", false
}

// ProtocolWriters are the writer types a hand-written memcached command is
// sent through: network connections, buffered writers around them and the
// io interfaces they travel as. Writers that never reach a socket
// (http.ResponseWriter, *os.File, *bytes.Buffer, *strings.Builder) are left
// out on purpose: `fmt.Fprintf(w, "set %s", x)` to them is not a command.
var ProtocolWriters = []string{
	"net.Conn", "*net.TCPConn", "*net.UnixConn", "*crypto/tls.Conn",
	"*bufio.Writer", "*bufio.ReadWriter",
	"io.Writer", "io.ReadWriter", "io.WriteCloser", "io.ReadWriteCloser", "io.StringWriter",
}

// HandWrittenWriteKind says where the command text is in a write call (see
// Func.Write).
type HandWrittenWriteKind uint8

const (
	// Fprintf: args are (w, format, operands...).
	WriteFprintf HandWrittenWriteKind = iota + 1
	// Fprint: args are (w, operands...); spaces only between non-strings.
	WriteFprint
	// Fprintln: args are (w, operands...); always space separated.
	WriteFprintln
	// WriteString: args are (w, s) for io.WriteString, or (recv, s).
	WriteData
)

// WriteMethods are the method names that send their single argument.
var WriteMethods = []string{"Write", "WriteString"}
