package writers

import (
	"bufio"
	"bytes"
	"encoding/binary"
	"encoding/gob"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"strings"

	"github.com/bradfitz/gomemcache/memcache"

	"sensitivedata/models"
)

var mc = memcache.New("127.0.0.1:11211")

func gobBuffer(u models.User) {
	var buf bytes.Buffer
	enc := gob.NewEncoder(&buf)
	enc.Encode(u)
	mc.Set(&memcache.Item{Key: "u", Value: buf.Bytes()}) // want `contains User\.Email.*\(encoding/gob\)`
}

func jsonThroughBufio(u *models.User) {
	var buf bytes.Buffer
	bw := bufio.NewWriter(&buf)
	json.NewEncoder(bw).Encode(u)
	bw.Flush()
	mc.Set(&memcache.Item{Key: "u", Value: buf.Bytes()}) // want `contains User\.Email.*\(encoding/json\)`
}

func builder(u *models.User) {
	var b strings.Builder
	b.WriteString("user:")
	b.WriteString(u.Email)
	mc.Set(&memcache.Item{Key: "u", Value: []byte(b.String())}) // want `contains User\.Email \(read directly\): contact data \(e-mail\)`
}

func fprintf(u *models.User) {
	buf := new(bytes.Buffer)
	fmt.Fprintf(buf, "%s:%s", u.Name, u.PasswordHash)
	data, _ := io.ReadAll(buf)
	mc.Set(&memcache.Item{Key: "u", Value: data}) // want `contains User\.PasswordHash \(read directly\): secrets \(password\)`
}

func writeTo(u *models.User) {
	var src, dst bytes.Buffer
	io.WriteString(&src, u.Email)
	src.WriteTo(&dst)
	mc.Set(&memcache.Item{Key: "u", Value: dst.Bytes()}) // want `contains User\.Email`
}

// handWritten writes a set command whose data block is a buffer holding
// the user's JSON.
func handWritten(conn net.Conn, u models.User) {
	var buf bytes.Buffer
	json.NewEncoder(&buf).Encode(u)
	fmt.Fprintf(conn, "set user 0 0 %d\r\n%s\r\n", buf.Len(), buf.Bytes()) // want `cached value stored by a hand-written memcached "set" command contains User\.Email`
}

// quiet: buffers that hold no sensitive field, and a writer that is not
// the one cached.
func quiet(u *models.User) {
	var buf bytes.Buffer
	buf.WriteString(u.Name)
	fmt.Fprintf(&buf, "%d", u.ID)
	mc.Set(&memcache.Item{Key: "u", Value: buf.Bytes()})

	var other, secret bytes.Buffer
	secret.WriteString(u.PasswordHash)
	other.WriteString("x")
	mc.Set(&memcache.Item{Key: "o", Value: other.Bytes()})

	var b strings.Builder
	b.WriteString("name:")
	b.WriteString(u.Name)
	mc.Set(&memcache.Item{Key: "n", Value: []byte(b.String())})
}

// metaSet writes a meta set command through a buffered writer; its data
// block is a buffer's bytes.
func metaSet(conn net.Conn, u *models.User) {
	var buf bytes.Buffer
	gob.NewEncoder(&buf).Encode(u)
	w := bufio.NewWriter(conn)
	fmt.Fprintf(w, "ms user:1 %d T0\r\n%s\r\n", buf.Len(), buf.Bytes()) // want `cached value stored by a hand-written memcached "ms" command contains User\.Email.*\(encoding/gob\)`
	w.Flush()
}

// binaryAndCopy: binary.Write and io.Copy write into the buffer too.
func binaryAndCopy(u *models.User) {
	var buf bytes.Buffer
	binary.Write(&buf, binary.BigEndian, []byte(u.PasswordHash))
	mc.Set(&memcache.Item{Key: "b", Value: buf.Bytes()}) // want `contains User\.PasswordHash`

	var dst bytes.Buffer
	io.Copy(&dst, bytes.NewBufferString(u.Email))
	mc.Set(&memcache.Item{Key: "c", Value: dst.Bytes()}) // want `contains User\.Email`
}

// bufferedSet assembles a whole set command in a buffer, data block
// included, and sends it in one write.
func bufferedSet(conn net.Conn, u models.User) {
	b, _ := json.Marshal(u)
	var buf bytes.Buffer
	fmt.Fprintf(&buf, "set user 0 0 %d\r\n", len(b))
	buf.Write(b)
	buf.WriteString("\r\n")
	conn.Write(buf.Bytes()) // want `cached value stored by a hand-written memcached "set" command contains User\.Email`

	var name bytes.Buffer
	fmt.Fprintf(&name, "set name 0 0 %d\r\n", len(u.Name))
	name.WriteString(u.Name)
	name.WriteString("\r\n")
	conn.Write(name.Bytes())
}
