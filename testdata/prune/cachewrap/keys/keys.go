// Package keys builds cache keys. It imports nothing cachevet models, so it
// is read from export data and its functions pass their arguments through.
package keys

import "strings"

func Product(id string) string { return "product:" + strings.TrimSpace(id) }
