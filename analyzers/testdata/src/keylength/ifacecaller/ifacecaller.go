// Package ifacecaller calls the cache of ifacestore through its
// interface: keylength follows the call as keyinjection does.
package ifacecaller

import (
	"net/http"

	"keylength/ifacestore"
)

func handler(c ifacestore.Cache, r *http.Request) {
	c.Fetch(r.FormValue("k")) // want `the argument that \(\*ifacestore\.mcCache\)\.Fetch puts into the key of \(\*memcache\.Client\)\.Get may be unbounded bytes`
	c.Fetch(r.FormValue("k")[:100])
}
