package cacheconfig

import (
	"context"
	"os"

	"github.com/astaxie/beego/cache"
	"github.com/astaxie/beego/cache/memcache"
	gocache "github.com/bartventer/gocache"
	beego2 "github.com/beego/beego/v2/client/cache"
	storage "github.com/gofiber/storage/memcache"
)

func configs(ctx context.Context, host string) {
	cache.NewCache("memcache", `{"conn":"203.0.113.5:11211"}`)                               // want `cache.NewCache connects to "203.0.113.5:11211" \(JSON member "conn"\), a public address: a memcached reached over the internet is exposed to anyone`
	beego2.NewCache("memcache", `{"conn":"10.0.0.1:11211;198.51.100.6:11311"}`)              // want `cache.NewCache connects to "198.51.100.6:11311" \(JSON member "conn"\), a public address: .* firewall port 11311`
	memcache.NewMemCache().StartAndGC(`{"conn":"198.51.100.7:11211"}`)                       // the interface's method: not modelled
	new(memcache.MemcacheCache).StartAndGC(`{"conn":"198.51.100.7:11211"}`)                  // want `\(\*memcache.MemcacheCache\).StartAndGC connects to "198.51.100.7:11211" \(JSON member "conn"\)`
	gocache.OpenCache(ctx, "memcache://10.0.0.2:11211,203.0.113.8:11211", gocache.Options{}) // want `cache.OpenCache connects to "203.0.113.8:11211" \(host of the memcache:// URL\), a public address`
	storage.New(storage.Config{Servers: "10.0.0.3:11211, 203.0.113.9:11211"})                // want `memcache.Config.Servers connects to "203.0.113.9:11211", a public address`

	// Built through control flow: concatenation, a default under a condition.
	port := "11211"
	cache.NewCache("memcache", `{"conn":"203.0.113.10:`+port+`"}`) // want `cache.NewCache connects to "203.0.113.10:11211" \(JSON member "conn"\)`
	conf := os.Getenv("CACHE_CONFIG")
	if conf == "" {
		conf = `{"conn":"203.0.113.11:11211"}`
	}
	cache.NewCache("memcache", conf) // want `cache.NewCache connects to "203.0.113.11:11211" \(JSON member "conn", when conf == ""\)`
	var sc storage.Config
	sc.Servers = "198.51.100.12:11211" // want `memcache.Config.Servers connects to "198.51.100.12:11211"`
	storage.New(sc)

	// Private and loopback addresses, host names, other adapters and
	// schemes, and strings of another form are quiet.
	cache.NewCache("memcache", `{"conn":"127.0.0.1:11211;10.1.2.3:11211"}`)
	cache.NewCache("memcache", `{"conn":"cache.internal:11211"}`)
	cache.NewCache("redis", `{"conn":"203.0.113.5:6379"}`)
	cache.NewCache("memory", `{"interval":60}`)
	cache.NewCache("memcache", "203.0.113.5:11211")
	cache.NewCache("memcache", `{"conn":"`+host+`:11211"}`)
	gocache.OpenCache(ctx, "redis://203.0.113.8:6379", gocache.Options{})
	gocache.OpenCache(ctx, "memcache://localhost:11211", gocache.Options{})
	storage.New(storage.Config{Servers: "127.0.0.1:11211"})
	storage.New()
}
