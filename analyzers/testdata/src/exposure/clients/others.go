package clients

import (
	quang "github.com/QuangTung97/go-memcache/memcache"
	couchbase "github.com/couchbase/gomemcached/client"
	godropbox "github.com/dropbox/godropbox/memcache"
	"github.com/kklis/gomemcache"
	mc "github.com/memcachier/mc/v3"
	pior "github.com/pior/memcache"
	rainycape "github.com/rainycape/memcache"
	"github.com/yeqown/memcached"
)

// others are the server lists of the other modelled clients: a variadic
// list, a []string, one address among other strings, and a
// comma-separated list in one string.
func others() {
	gomemcache.Dial("tcp", "198.51.100.1:11211")                                                // want `gomemcache.Dial connects to "198.51.100.1:11211", a public address`
	gomemcache.Connect("198.51.100.2", 11211)                                                   // want `gomemcache.Connect connects to "198.51.100.2", a public address`
	memcached.New("198.51.100.3:11211")                                                         // want `memcached.New connects to "198.51.100.3:11211"`
	mc.NewMC("10.0.0.1:11211,198.51.100.4:11211", "user", "198.51.100.99")                      // want `mc.NewMC connects to "198.51.100.4:11211"`
	quang.New("198.51.100.5:11211", 4)                                                          // want `memcache.New connects to "198.51.100.5:11211"`
	pior.NewClient(pior.StaticServers("10.0.0.2:11211", "198.51.100.6:11211"), pior.Config{})   // want `memcache.StaticServers connects to "198.51.100.6:11211"`
	rainycape.New("198.51.100.7:11211")                                                         // want `memcache.New connects to "198.51.100.7:11211"`
	couchbase.Connect("tcp", "198.51.100.8:11211")                                              // want `memcached.Connect connects to "198.51.100.8:11211"`
	godropbox.NewStaticShardManager([]string{"10.0.0.3:11211", "198.51.100.9:11211"}, nil, nil) // want `memcache.NewStaticShardManager connects to "198.51.100.9:11211"`

	// Private and loopback addresses are quiet, as is a password that
	// looks like an address.
	mc.NewMC("10.0.0.1:11211 10.0.0.2:11211", "user", "203.0.113.1")
	couchbase.Connect("tcp", "127.0.0.1:11210")
	godropbox.NewStaticShardManager([]string{"10.0.0.3:11211"}, nil, nil)
}
