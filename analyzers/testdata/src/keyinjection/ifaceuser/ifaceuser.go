package ifaceuser

import (
	"net/http"

	"keyinjection/iface"
)

func handler(c iface.Cache, r *http.Request) {
	c.Fetch(r.FormValue("k")) // want `through \(\*iface\.mcCache\)\.Fetch unescaped`
	c.Fetch("constant")
}
