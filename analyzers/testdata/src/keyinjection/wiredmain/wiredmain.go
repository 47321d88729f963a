// Package wiredmain wires the caches: the memcache one is reported where
// it is handed to wiredgit, the in-memory one is not, and a provider
// whose own package reports the flow is not reported again.
package wiredmain

import (
	"github.com/bradfitz/gomemcache/memcache"

	"keyinjection/sessions"
	"keyinjection/sessionsmc"
	"keyinjection/wiredcache"
	"keyinjection/wiredgit"
)

func main() {
	wiredgit.SetCache(&wiredcache.MC{Client: memcache.New("127.0.0.1:11211")}) // want `the request URL \(r\.URL\), passed by wiredgit\.Blob to Cache\.Get reaches the memcache key of \(\*memcache\.Client\)\.Get through \(\*wiredcache\.MC\)\.Get unescaped`
	wiredgit.SetCache(wiredcache.Mem{})
	sessions.Register("again", &sessionsmc.Provider{})
}
