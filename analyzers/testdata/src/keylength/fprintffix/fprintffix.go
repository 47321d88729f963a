package fprintffix

import (
	"fmt"
	"net"
	"net/http"
)

// The key is the first operand; the data block must be left alone.
func draft(conn net.Conn, r *http.Request) {
	key := "draft:" + r.FormValue("title")
	body := r.FormValue("body")
	fmt.Fprintf(conn, "set %s 0 0 %d\r\n%s\r\n", key, len(body), body) // want `the key of a hand-written memcached "set" command may be 6 \+ unbounded bytes`
}
