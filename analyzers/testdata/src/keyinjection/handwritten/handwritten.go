package handwritten

import (
	"bufio"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"os"
	"strings"
)

func handler(w http.ResponseWriter, r *http.Request) {
	conn, err := net.Dial("tcp", "127.0.0.1:11211")
	if err != nil {
		return
	}
	key := r.FormValue("key")
	fmt.Fprintf(conn, "get %s\r\n", key)                      // want `request data \(r\.FormValue\) reaches the key of a hand-written memcached "get" command unescaped: a space, CR/LF or other control byte in it splits the command line or injects memcached commands; hash it \(sha256, hex encoded\), since escaping would not bound its length`
	fmt.Fprintf(conn, "set %s 0 0 %d\r\n%s\r\n", key, 3, key) // want `hand-written memcached "set" command`
	io.WriteString(conn, "delete "+key+"\r\n")                // want `hand-written memcached "delete" command`
	conn.Write([]byte("touch " + key + " 10\r\n"))            // want `hand-written memcached "touch" command`
	bw := bufio.NewWriter(conn)
	bw.WriteString("mg " + key + " v\r\n") // want `hand-written memcached "mg" command`
	fmt.Fprintln(bw, "incr", key, 1)       // want `hand-written memcached "incr" command`
	fmt.Fprint(conn, "gets ", key, "\r\n") // want `hand-written memcached "gets" command`
	rw := bufio.NewReadWriter(bufio.NewReader(conn), bw)
	fmt.Fprintf(rw, "get %s\r\n", fmt.Sprintf("u:%s", key)) // want `hand-written memcached "get" command`

	// The data block after the command line is not a key.
	fmt.Fprintf(conn, "set k 0 0 %d\r\n%s\r\n", len(key), key)
	// Escaped keys, and keys joined with spaces on purpose (a multi-get).
	fmt.Fprintf(conn, "get %s\r\n", url.QueryEscape(key))
	keys := []string{"a", "b"}
	fmt.Fprintf(conn, "get %s\r\n", strings.Join(keys, " "))
	// Not memcached: an HTTP response, a file, a log line.
	fmt.Fprintf(w, "get %s\r\n", key)
	fmt.Fprintf(os.Stdout, "set %s\n", key)
	var sb strings.Builder
	fmt.Fprintf(&sb, "get %s", key)
}

// send writes a command for its caller: the caller is reported.
func send(w io.Writer, key string) {
	fmt.Fprintf(w, "get %s\r\n", key)
}

func callsSend(r *http.Request, conn net.Conn) {
	send(conn, r.URL.Query().Get("k")) // want `the request URL \(r\.URL\) reaches the key of a hand-written memcached "get" command through handwritten\.send unescaped`
	send(conn, "fixed")
}
