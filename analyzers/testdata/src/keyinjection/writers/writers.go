// Package writers builds keys in buffers and builders: what is written
// into them is what their String and Bytes return.
package writers

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"net"
	"net/http"
	"strings"

	"github.com/bradfitz/gomemcache/memcache"

	"keyinjection/keywriter"
)

var mc = memcache.New("127.0.0.1:11211")

func builder(r *http.Request) {
	var b strings.Builder
	b.WriteString("user:")
	b.WriteString(r.FormValue("u"))
	mc.Get(b.String()) // want `request data \(r\.FormValue\) reaches the memcache key of \(\*memcache\.Client\)\.Get unescaped`
}

func buffer(r *http.Request) {
	var buf bytes.Buffer
	buf.WriteString("prefix:")
	buf.Write([]byte(r.Header.Get("X-Id")))
	mc.Delete(buf.String()) // want `a request header \(r\.Header\) reaches the memcache key of \(\*memcache\.Client\)\.Delete`
}

func fprintf(r *http.Request) {
	buf := new(bytes.Buffer)
	fmt.Fprintf(buf, "q:%s", r.URL.Query().Get("q"))
	mc.Get(buf.String()) // want `reaches the memcache key of \(\*memcache\.Client\)\.Get unescaped`
}

func readAll(r *http.Request) {
	var buf bytes.Buffer
	io.WriteString(&buf, r.FormValue("id"))
	key, _ := io.ReadAll(&buf)
	mc.Get(string(key)) // want `request data \(r\.FormValue\)`
}

// reset: Reset empties the buffer at run time, but the analysis keeps
// what any write put there.
func reset(r *http.Request) {
	var b strings.Builder
	b.WriteString(r.FormValue("u"))
	b.Reset()
	b.WriteString("fixed")
	mc.Get(b.String()) // want `request data \(r\.FormValue\)`
}

func constantSpace() {
	var b strings.Builder
	b.WriteString("user ")
	b.WriteString("42")
	mc.Get(b.String()) // want `the constant "user "`
}

// quiet: constants and hex digests only, and a builder that is not the
// key's.
func quiet(r *http.Request) {
	var b strings.Builder
	b.WriteString("user:")
	sum := sha256.Sum256([]byte(r.FormValue("u")))
	b.WriteString(hex.EncodeToString(sum[:]))
	mc.Get(b.String())

	var key, log strings.Builder
	log.WriteString(r.FormValue("u"))
	key.WriteString("static")
	mc.Get(key.String())

	var buf bytes.Buffer
	fmt.Fprintf(&buf, "n:%d", len(r.FormValue("n")))
	mc.Get(buf.String())
}

// helpers in another package write into the caller's writer.
func helpers(r *http.Request) {
	var b strings.Builder
	keywriter.WriteKey(&b, r.FormValue("id"))
	mc.Get(b.String()) // want `request data \(r\.FormValue\) reaches the memcache key`

	var s strings.Builder
	keywriter.WriteSpaced(&s, "42")
	mc.Get(s.String()) // want `the constant "user "`

	var n bytes.Buffer
	keywriter.WriteCount(&n, r.FormValue("id"))
	mc.Get(n.String())
}

// reply: what is written into a connection is not what is read from it.
func reply(r *http.Request) {
	conn, err := net.Dial("tcp", "127.0.0.1:8080")
	if err != nil {
		return
	}
	fmt.Fprintf(conn, "lookup %s\r\n", r.FormValue("q"))
	buf := make([]byte, 64)
	n, _ := conn.Read(buf)
	mc.Get(string(buf[:n]))
}
