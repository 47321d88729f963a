package handwritten

import (
	"bytes"
	"fmt"
	"net"
	"net/http"
	"strings"
)

// bufferedCommand assembles a command line in a buffer and sends it in
// one write: the buffer's parts are read in the order they were written.
func bufferedCommand(conn net.Conn, r *http.Request) {
	var buf bytes.Buffer
	buf.WriteString("get ")
	buf.WriteString(r.FormValue("k"))
	buf.WriteString("\r\n")
	conn.Write(buf.Bytes()) // want `request data \(r\.FormValue\) reaches the key of a hand-written memcached "get" command`

	var b strings.Builder
	fmt.Fprintf(&b, "delete %s\r\n", r.FormValue("k"))
	conn.Write([]byte(b.String())) // want `reaches the key of a hand-written memcached "delete" command`

	// Not a command: the buffer's first write is no verb.
	var quiet bytes.Buffer
	quiet.WriteString("hello ")
	quiet.WriteString(r.FormValue("k"))
	conn.Write(quiet.Bytes())
}
