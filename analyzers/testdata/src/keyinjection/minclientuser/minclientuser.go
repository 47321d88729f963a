// Package minclientuser calls the hand-written client of
// keyinjection/minclient: the validating method is safe to pass request
// data, its sibling is not.
package minclientuser

import (
	"net"
	"net/http"

	"keyinjection/minclient"
)

func handler(conn net.Conn, r *http.Request) {
	c := minclient.New(conn)
	k := r.FormValue("k")
	c.Get(k)
	c.Touch(k, 60) // want `request data \(r\.FormValue\) reaches the key of a hand-written memcached "touch" command through \(\*minclient\.Client\)\.Touch unescaped`
}
