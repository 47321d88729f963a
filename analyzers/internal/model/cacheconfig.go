package model

// This file describes, as data, where cache libraries take the addresses
// of their memcached servers inside a configuration string or field,
// rather than as a server list (ServerListCalls): the exposure analyzer
// finds the addresses in the string as the row says and judges them as it
// judges a client's server list.

// ConfigFormat says how a configuration string writes the addresses.
type ConfigFormat uint8

const (
	// ConfigList: the string lists the addresses, separated by any byte of
	// Sep ("10.0.0.1:11211, 10.0.0.2:11211").
	ConfigList ConfigFormat = iota + 1
	// ConfigJSON: a JSON object whose member Key holds them, as a string
	// separated by Sep or as an array of strings.
	ConfigJSON
	// ConfigURL: a URL of scheme Scheme whose host part lists them,
	// separated by Sep ("memcache://10.0.0.1:11211,10.0.0.2:11211").
	ConfigURL
)

// CacheConfig is a string argument of a call (Func, Arg) or a string field
// of a configuration struct (Field) that holds memcached addresses.
type CacheConfig struct {
	Func  string // types.Func.FullName of the call
	Arg   int    // index of the string argument, the receiver not counted
	Field string // "package path.Type.Field", for a struct field
	Short string // for messages
	// Adapter, if set, is the value argument AdapterArg must have for the
	// call to configure memcached, as in beego's NewCache("memcache", cfg).
	Adapter    string
	AdapterArg int
	Format     ConfigFormat
	Key        string // the JSON member, for ConfigJSON
	Scheme     string // the URL scheme, for ConfigURL
	Sep        string // the bytes that separate addresses
}

// CacheConfigs lists the modelled configuration strings.
var CacheConfigs = []CacheConfig{
	// beego's cache manager: the memcache adapter reads the "conn" member
	// of its JSON configuration and splits it at ';' (cache/memcache).
	{Func: "github.com/astaxie/beego/cache.NewCache", Arg: 1, Short: "cache.NewCache", Adapter: "memcache", AdapterArg: 0, Format: ConfigJSON, Key: "conn", Sep: ";"},
	{Func: "github.com/beego/beego/v2/client/cache.NewCache", Arg: 1, Short: "cache.NewCache", Adapter: "memcache", AdapterArg: 0, Format: ConfigJSON, Key: "conn", Sep: ";"},
	{Func: "(*github.com/astaxie/beego/cache/memcache.MemcacheCache).StartAndGC", Arg: 0, Short: "(*memcache.MemcacheCache).StartAndGC", Format: ConfigJSON, Key: "conn", Sep: ";"},
	// bartventer/gocache opens a cache by URL; the memcache driver splits
	// the host part at ','.
	{Func: "github.com/bartventer/gocache.OpenCache", Arg: 1, Short: "cache.OpenCache", Format: ConfigURL, Scheme: "memcache", Sep: ","},
	// gofiber's memcache storage: Config.Servers, "divided by ,".
	{Field: "github.com/gofiber/storage/memcache.Config.Servers", Short: "memcache.Config.Servers", Format: ConfigList, Sep: ", "},
	{Field: "github.com/gofiber/storage/memcache/v2.Config.Servers", Short: "memcache.Config.Servers", Format: ConfigList, Sep: ", "},
}
