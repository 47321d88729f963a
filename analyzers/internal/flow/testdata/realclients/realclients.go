// Package realclients imports the real client libraries cachevet
// describes, at the versions the descriptions were read from, so that
// flow's TestBuiltinClientsMatchLibraries can load their types.
package realclients

import (
	_ "github.com/QuangTung97/go-memcache/memcache"
	_ "github.com/bradfitz/gomemcache/memcache"
	_ "github.com/couchbase/gomemcached/client"
	_ "github.com/dropbox/godropbox/memcache"
	_ "github.com/grafana/gomemcache/memcache"
	_ "github.com/grobie/gomemcache/memcache"
	_ "github.com/kklis/gomemcache"
	_ "github.com/memcachier/mc/v3"
	_ "github.com/rainycape/memcache"
	_ "github.com/yeqown/memcached"
	_ "google.golang.org/appengine/memcache"
	_ "google.golang.org/appengine/v2/memcache"
)
