// Package proto writes memcached commands by hand through any writer. It
// imports only fmt and io, but its text holds a command, so it is analyzed
// and Get is a key sink for its callers.
package proto

import (
	"fmt"
	"io"
)

func Get(w io.Writer, key string) error {
	_, err := fmt.Fprintf(w, "get %s\r\n", key)
	return err
}
