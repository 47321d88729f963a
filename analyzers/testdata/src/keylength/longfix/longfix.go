package longfix

import (
	"fmt"
	"net"
	"net/http"
	"strings"

	"github.com/bradfitz/gomemcache/memcache"
)

var mc = memcache.New("127.0.0.1:11211")

// A key of known length that is still over 250 bytes: the whole key is
// hashed.
func bounded(id string) {
	mc.Get(strings.Repeat("ab", 126))                               // want `is up to 252 bytes`
	mc.Get(fmt.Sprintf("user:%s:%s", id[:200], id[:100]))           // want `is up to 306 bytes`
	mc.Get("p:" + strings.Repeat("x", 240) + id[:min(len(id), 20)]) // want `is up to 262 bytes`
}

// The key operand of a hand-written command is hashed, not the command.
func handWritten(r *http.Request, conn net.Conn) {
	key := r.FormValue("key")
	conn.Write([]byte("touch " + key + " 10\r\n")) // want `hand-written memcached "touch" command`
	fmt.Fprintf(conn, "delete %s\r\n", key)        // want `hand-written memcached "delete" command`
}

// %v of a slice is unbounded: the whole key is hashed.
func collections(ids []int) {
	mc.Get(fmt.Sprintf("ids:%v", ids)) // want `fmt's rendering of a \[\]int`
}
