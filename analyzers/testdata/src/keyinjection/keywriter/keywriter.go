// Package keywriter renders keys into the writer its callers hand it;
// keyinjection/writers follows them there through its summaries.
package keywriter

import (
	"fmt"
	"io"
	"strings"
)

// WriteKey writes a key for id into w.
func WriteKey(w io.Writer, id string) {
	fmt.Fprintf(w, "user:%s", id)
}

// WriteSpaced puts a space of its own into w.
func WriteSpaced(b *strings.Builder, id string) {
	b.WriteString("user ")
	b.WriteString(id)
}

// WriteCount writes only a number.
func WriteCount(w io.Writer, id string) {
	fmt.Fprintf(w, "n:%d", len(id))
}
