// Package writers bounds keys built in buffers and builders.
package writers

import (
	"crypto/sha256"
	"encoding/hex"
	"net/http"
	"strings"

	"github.com/bradfitz/gomemcache/memcache"
)

var mc = memcache.New("127.0.0.1:11211")

func unbounded(r *http.Request, prefix string) {
	var b strings.Builder
	b.WriteString(prefix)
	b.WriteString(r.FormValue("u"))
	mc.Get(b.String()) // want `the memcache key of \(\*memcache\.Client\)\.Get may be .*unbounded bytes \(request data \(r\.FormValue\)\)`
}

// quiet: what a builder of constants and hex digests holds is not known
// to be long (strict mode would say it is not proven short).
func quiet(r *http.Request) {
	var b strings.Builder
	b.WriteString("user:")
	sum := sha256.Sum256([]byte(r.FormValue("u")))
	b.WriteString(hex.EncodeToString(sum[:]))
	mc.Get(b.String())
}
