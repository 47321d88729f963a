package model

// The built-in client descriptions. Each entry says what its library's
// source does; the comment says where that was read.

// gomemcacheCalls are the key-taking methods of bradfitz/gomemcache's
// *Client, which its forks share.
var gomemcacheCalls = []Call{
	{Func: "Get", Key: 1},
	{Func: "GetMulti", Key: 1, Shape: KeyList},
	{Func: "GetAndTouch", Key: 1},
	{Func: "Touch", Key: 1},
	{Func: "Delete", Key: 1},
	{Func: "Increment", Key: 1},
	{Func: "Decrement", Key: 1},
	{Func: "Set", Key: 1, Shape: ItemKey},
	{Func: "Add", Key: 1, Shape: ItemKey},
	{Func: "Replace", Key: 1, Shape: ItemKey},
	{Func: "Append", Key: 1, Shape: ItemKey},
	{Func: "Prepend", Key: 1, Shape: ItemKey},
	{Func: "CompareAndSwap", Key: 1, Shape: ItemKey},
}

// gomemcacheCheck is legalKey: at most 250 bytes, no byte <= ' ' or 0x7f
// (bradfitz; grafana and grobie also refuse bytes over 0x7e).
var gomemcacheCheck = KeyCheck{MaxLen: 250, Rejects: AnyUnsafe, Error: "ErrMalformedKey"}

// forkCalls are the calls grafana's and grobie's forks kept: neither has
// GetAndTouch, Append or Prepend.
var forkCalls = []Call{
	{Func: "Get", Key: 1},
	{Func: "GetMulti", Key: 1, Shape: KeyList},
	{Func: "Touch", Key: 1},
	{Func: "Delete", Key: 1},
	{Func: "Increment", Key: 1},
	{Func: "Decrement", Key: 1},
	{Func: "Set", Key: 1, Shape: ItemKey},
	{Func: "Add", Key: 1, Shape: ItemKey},
	{Func: "Replace", Key: 1, Shape: ItemKey},
	{Func: "CompareAndSwap", Key: 1, Shape: ItemKey},
}

// grafanaCalls: since late 2025 GetMulti takes a context before the keys;
// for older versions the engine finds the keys by type.
var grafanaCalls = []Call{
	{Func: "Get", Key: 1},
	{Func: "GetMulti", Key: 2, Shape: KeyList},
	{Func: "Touch", Key: 1},
	{Func: "Delete", Key: 1},
	{Func: "Increment", Key: 1},
	{Func: "Decrement", Key: 1},
	{Func: "Set", Key: 1, Shape: ItemKey},
	{Func: "Add", Key: 1, Shape: ItemKey},
	{Func: "Replace", Key: 1, Shape: ItemKey},
	{Func: "CompareAndSwap", Key: 1, Shape: ItemKey},
}

var gomemcacheItem = &ItemType{Type: "Item", Key: "Key", Value: "Value"}

// gomemcacheServers: New(server ...string) and the ServerList behind
// NewFromSelector.
var gomemcacheServers = []ServerArg{
	{Func: "New", Arg: 1},
	{Func: "SetServers", Type: "*ServerList", Arg: 1},
}

// godropboxCalls are the methods of godropbox's Client interface, which
// ShardedClient, RawAsciiClient and RawBinaryClient implement.
var godropboxCalls = []Call{
	{Func: "Get", Key: 1},
	{Func: "GetMulti", Key: 1, Shape: KeyList},
	{Func: "GetSentinels", Key: 1, Shape: KeyList},
	{Func: "Set", Key: 1, Shape: ItemKey},
	{Func: "Add", Key: 1, Shape: ItemKey},
	{Func: "Replace", Key: 1, Shape: ItemKey},
	{Func: "SetMulti", Key: 1, Shape: ItemList},
	{Func: "AddMulti", Key: 1, Shape: ItemList},
	{Func: "CasMulti", Key: 1, Shape: ItemList},
	{Func: "SetSentinels", Key: 1, Shape: ItemList},
	{Func: "CasSentinels", Key: 1, Shape: ItemList},
	{Func: "Append", Key: 1, Value: 2},
	{Func: "Prepend", Key: 1, Value: 2},
	{Func: "Delete", Key: 1},
	{Func: "DeleteMulti", Key: 1, Shape: KeyList},
	{Func: "Increment", Key: 1},
	{Func: "Decrement", Key: 1},
}

// godropboxCheck is isValidKeyString (raw_binary_client.go), which both raw
// clients apply to every key: at most 250 bytes of 0x21-0x7e or 0x80-0xff.
// A refused key comes back as an error response, nothing is sent.
var godropboxCheck = KeyCheck{MaxLen: 250, Rejects: AnyUnsafe, Error: "an invalid-key error response"}

var godropboxServers = []ServerArg{{Func: "NewStaticShardManager", Arg: 1}}

// appengineCalls are App Engine's memcache package functions, which take
// the request's context first. memcache.go checks nothing of a key but that
// a multi call has one; the service documents a 250-byte limit.
var appengineCalls = []Call{
	{Func: "Get", Key: 2},
	{Func: "GetMulti", Key: 2, Shape: KeyList},
	{Func: "Peek", Key: 2},
	{Func: "PeekMulti", Key: 2, Shape: KeyList},
	{Func: "Delete", Key: 2},
	{Func: "DeleteMulti", Key: 2, Shape: KeyList},
	{Func: "Increment", Key: 2},
	{Func: "IncrementExisting", Key: 2},
	{Func: "Set", Key: 2, Shape: ItemKey},
	{Func: "Add", Key: 2, Shape: ItemKey},
	{Func: "CompareAndSwap", Key: 2, Shape: ItemKey},
	{Func: "SetMulti", Key: 2, Shape: ItemList},
	{Func: "AddMulti", Key: 2, Shape: ItemList},
	{Func: "CompareAndSwapMulti", Key: 2, Shape: ItemList},
}

// appengineCodecCalls are the methods of memcache.Codec (memcache.JSON,
// memcache.Gob), which encode Item.Object into the value.
var appengineCodecCalls = []Call{
	{Func: "Get", Key: 2},
	{Func: "Set", Key: 2, Shape: ItemKey},
	{Func: "Add", Key: 2, Shape: ItemKey},
	{Func: "CompareAndSwap", Key: 2, Shape: ItemKey},
	{Func: "SetMulti", Key: 2, Shape: ItemList},
	{Func: "AddMulti", Key: 2, Shape: ItemList},
	{Func: "CompareAndSwapMulti", Key: 2, Shape: ItemList},
}

var appengineItem = &ItemType{Type: "Item", Key: "Key", Value: "Value"}

// appengineCodecItem: a Codec marshals Item.Object. memcache.JSON and
// memcache.Gob are the package's codecs; JSON is taken, which honours
// json:"-" (Gob would also encode such fields).
var appengineCodecItem = &ItemType{Type: "Item", Key: "Key", Value: "Object", Encoder: "encoding/json"}

// rpcLimit is the App Engine memcache service's documented key limit
// (memcache.go: "The key must be at most 250 bytes in length"), enforced by
// the service, not the client.
var rpcLimit = KeyCheck{MaxLen: 0, Error: "an error from the memcache service"}

// pior/memcache: ValidateKey (meta/writer.go) refuses empty keys, keys over
// 250 bytes and keys holding " \t\r\n" before a meta request is written;
// NUL, \v, \f and the other control bytes pass.
var piorCheck = KeyCheck{MaxLen: 250, Rejects: ByteBit(' ') | ByteBit('\t') | ByteBit('\r') | ByteBit('\n'), Error: "an InvalidKeyError"}

var piorItem = &ItemType{Type: "Item", Key: "Key", Value: "Value"}

// BuiltinClients are the client libraries cachevet knows.
var BuiltinClients = []Client{
	{
		Name: "gomemcache", Path: "github.com/bradfitz/gomemcache/memcache", Type: "*Client",
		Protocol: ProtocolText, Check: gomemcacheCheck, Item: gomemcacheItem, Calls: gomemcacheCalls, Servers: gomemcacheServers,
	},
	{
		// grafana's fork: Get and GetMulti take options.
		Name: "grafana/gomemcache", Path: "github.com/grafana/gomemcache/memcache", Type: "*Client",
		Protocol: ProtocolText, Check: gomemcacheCheck, Item: gomemcacheItem, Calls: grafanaCalls, Servers: gomemcacheServers,
	},
	{
		// grobie's fork, used by memcached_exporter.
		Name: "grobie/gomemcache", Path: "github.com/grobie/gomemcache/memcache", Type: "*Client",
		Protocol: ProtocolText, Check: gomemcacheCheck, Item: gomemcacheItem, Calls: forkCalls, Servers: gomemcacheServers,
	},
	{
		// gomemcache.go formats "get %s\r\n" and "%s %s %d %d %d\r\n"
		// with the key as given: nothing is checked.
		Name: "kklis/gomemcache", Path: "github.com/kklis/gomemcache", Type: "*Memcache", Protocol: ProtocolText,
		Calls: []Call{
			{Func: "Get", Key: 1},
			{Func: "GetMulti", Key: 1, Shape: KeyList},
			{Func: "Set", Key: 1, Value: 2},
			{Func: "Add", Key: 1, Value: 2},
			{Func: "Replace", Key: 1, Value: 2},
			{Func: "Append", Key: 1, Value: 2},
			{Func: "Prepend", Key: 1, Value: 2},
			{Func: "Delete", Key: 1},
			{Func: "Incr", Key: 1},
			{Func: "Decr", Key: 1},
		},
		Servers: []ServerArg{{Func: "Connect", Arg: 1}, {Func: "Dial", Arg: 2}},
	},
	{
		// validateKeyAndValue (client_commands.go) checks only that a key
		// is 1 to 65535 bytes long; the text commands are written with
		// the key as given. Client is an interface; New returns it.
		Name: "yeqown/memcached", Path: "github.com/yeqown/memcached", Type: "Client", Protocol: ProtocolText,
		Check: KeyCheck{MaxLen: 65535, Error: "ErrInvalidKey"},
		Calls: []Call{
			{Func: "Get", Key: 2},
			{Func: "Gets", Key: 2, Shape: KeyList},
			{Func: "GetAndTouch", Key: 3},
			{Func: "GetAndTouches", Key: 3, Shape: KeyList},
			{Func: "Set", Key: 2, Value: 3},
			{Func: "Add", Key: 2, Value: 3},
			{Func: "Replace", Key: 2, Value: 3},
			{Func: "Append", Key: 2, Value: 3},
			{Func: "Prepend", Key: 2, Value: 3},
			{Func: "Cas", Key: 2, Value: 3},
			{Func: "Delete", Key: 2},
			{Func: "Incr", Key: 2},
			{Func: "Decr", Key: 2},
			{Func: "Touch", Key: 2},
		},
		Servers: []ServerArg{{Func: "New", Arg: 1, List: true}},
	},
	{
		// The meta commands of the same interface, with the same check.
		Name: "yeqown/memcached meta", Path: "github.com/yeqown/memcached", Type: "Client", Protocol: ProtocolMeta,
		Check: KeyCheck{MaxLen: 65535, Error: "ErrInvalidKey"},
		Calls: []Call{
			{Func: "MetaGet", Key: 2},
			{Func: "MetaSet", Key: 2, Value: 3},
			{Func: "MetaDelete", Key: 2},
			{Func: "MetaArithmetic", Key: 2},
			{Func: "MetaDebug", Key: 2},
		},
	},
	{
		// validateKeyFormat (pipeline.go) refuses a key holding a rune
		// for which unicode.IsControl holds: every unsafe byte but the
		// space. A space goes into the mg/ms/md line as it is.
		Name: "QuangTung97/go-memcache", Path: "github.com/QuangTung97/go-memcache/memcache", Type: "*Pipeline", Protocol: ProtocolMeta,
		Check: KeyCheck{Rejects: AnyUnsafe &^ ByteBit(' '), Error: "ErrInvalidKeyFormat"},
		Calls: []Call{
			{Func: "MGet", Key: 1},
			{Func: "MSet", Key: 1, Value: 2},
			{Func: "MDel", Key: 1},
		},
		Servers: []ServerArg{{Func: "New", Arg: 1}},
	},
	{
		// Commands, embedded in *Client: Get, Set, Add, Delete and
		// Increment over the meta protocol, checked by ValidateKey.
		Name: "pior/memcache", Path: "github.com/pior/memcache", Type: "*Commands", Protocol: ProtocolMeta,
		Check: piorCheck, Item: piorItem,
		Calls: []Call{
			{Func: "Get", Key: 2},
			{Func: "Set", Key: 2, Shape: ItemKey},
			{Func: "Add", Key: 2, Shape: ItemKey},
			{Func: "Delete", Key: 2},
			{Func: "Increment", Key: 2},
		},
		Servers: []ServerArg{{Func: "StaticServers", Arg: 1}},
	},
	{
		Name: "pior/memcache batch", Path: "github.com/pior/memcache", Type: "*BatchCommands", Protocol: ProtocolMeta,
		Check: piorCheck, Item: piorItem,
		Calls: []Call{
			{Func: "MultiGet", Key: 2, Shape: KeyList},
			{Func: "MultiSet", Key: 2, Shape: ItemList},
			{Func: "MultiDelete", Key: 2, Shape: KeyList},
		},
	},
	{
		// A binary client: legalKey is only consulted to explain a
		// server's "invalid arguments" after the request went out; the
		// key length is written with putUint16, the body length with 32
		// bits.
		Name: "rainycape/memcache", Path: "github.com/rainycape/memcache", Type: "*Client", Protocol: ProtocolBinary,
		Check: KeyCheck{LengthBits: 16, Overflow: "collide"}, Item: gomemcacheItem,
		Calls: []Call{
			{Func: "Get", Key: 1},
			{Func: "GetMulti", Key: 1, Shape: KeyList},
			{Func: "Set", Key: 1, Shape: ItemKey},
			{Func: "Add", Key: 1, Shape: ItemKey},
			{Func: "CompareAndSwap", Key: 1, Shape: ItemKey},
			{Func: "Delete", Key: 1},
			{Func: "Increment", Key: 1},
			{Func: "Decrement", Key: 1},
		},
		Servers: []ServerArg{{Func: "New", Arg: 1}, {Func: "NewServerList", Arg: 1}},
	},
	{
		// Binary, no key check; server_conn.go writes
		// KeyLen = uint16(len(key)) and a body length that wraps with it.
		Name: "memcachier/mc", Path: "github.com/memcachier/mc/v3", Type: "*Client", Protocol: ProtocolBinary,
		Check: KeyCheck{LengthBits: 16, Overflow: "smuggle"},
		Calls: []Call{
			{Func: "Get", Key: 1},
			{Func: "GAT", Key: 1},
			{Func: "Touch", Key: 1},
			{Func: "Set", Key: 1, Value: 2},
			{Func: "Add", Key: 1, Value: 2},
			{Func: "Replace", Key: 1, Value: 2},
			{Func: "Append", Key: 1, Value: 2},
			{Func: "Prepend", Key: 1, Value: 2},
			{Func: "Del", Key: 1},
			{Func: "DelCAS", Key: 1},
			{Func: "Incr", Key: 1},
			{Func: "Decr", Key: 1},
		},
		Servers: []ServerArg{{Func: "NewMC", Arg: 1, List: true}, {Func: "NewMCwithConfig", Arg: 1, List: true}},
	},
	{
		// Couchbase's memcached binary client: the vbucket comes first,
		// nothing is checked, mc_req.go writes the key length as a
		// uint16 and the body length as a uint32.
		Name: "couchbase/gomemcached", Path: "github.com/couchbase/gomemcached/client", Pkg: "memcached", Type: "*Client", Protocol: ProtocolBinary,
		Check: KeyCheck{LengthBits: 16, Overflow: "collide"},
		Calls: []Call{
			{Func: "Get", Key: 2},
			{Func: "GetMeta", Key: 2},
			{Func: "GetAndTouch", Key: 2},
			{Func: "GetSubdoc", Key: 2},
			{Func: "GetBulk", Key: 2, Shape: KeyList},
			{Func: "Set", Key: 2, Value: 5},
			{Func: "Add", Key: 2, Value: 5},
			{Func: "SetCas", Key: 2, Value: 6},
			{Func: "Append", Key: 2, Value: 3},
			{Func: "Del", Key: 2},
			{Func: "Incr", Key: 2},
			{Func: "Decr", Key: 2},
			{Func: "Observe", Key: 2},
			{Func: "CAS", Key: 2},
		},
		Servers: []ServerArg{{Func: "Connect", Arg: 2}, {Func: "ConnectTLS", Arg: 2}},
	},
	{
		// The Client interface; NewShardedClient's shards speak text or
		// binary, as the shard builder chooses.
		Name: "godropbox/memcache", Path: "github.com/dropbox/godropbox/memcache", Type: "Client", Protocol: ProtocolAny,
		Check: godropboxCheck, Item: gomemcacheItem, Calls: godropboxCalls, Servers: godropboxServers,
	},
	{
		Name: "godropbox/memcache ShardedClient", Path: "github.com/dropbox/godropbox/memcache", Type: "*ShardedClient", Protocol: ProtocolAny,
		Check: godropboxCheck, Item: gomemcacheItem, Calls: godropboxCalls,
	},
	{
		Name: "godropbox/memcache RawAsciiClient", Path: "github.com/dropbox/godropbox/memcache", Type: "*RawAsciiClient", Protocol: ProtocolText,
		Check: godropboxCheck, Item: gomemcacheItem, Calls: godropboxCalls,
	},
	{
		Name: "godropbox/memcache RawBinaryClient", Path: "github.com/dropbox/godropbox/memcache", Type: "*RawBinaryClient", Protocol: ProtocolBinary,
		Check: godropboxCheck, Item: gomemcacheItem, Calls: godropboxCalls,
	},
	{
		Name: "appengine/memcache", Path: "google.golang.org/appengine/memcache", Protocol: ProtocolRPC,
		Check: rpcLimit, Item: appengineItem, Calls: appengineCalls,
	},
	{
		Name: "appengine/memcache Codec", Path: "google.golang.org/appengine/memcache", Type: "Codec", Protocol: ProtocolRPC,
		Check: rpcLimit, Item: appengineCodecItem, Calls: appengineCodecCalls,
	},
	{
		Name: "appengine/v2/memcache", Path: "google.golang.org/appengine/v2/memcache", Protocol: ProtocolRPC,
		Check: rpcLimit, Item: appengineItem, Calls: appengineCalls,
	},
	{
		Name: "appengine/v2/memcache Codec", Path: "google.golang.org/appengine/v2/memcache", Type: "Codec", Protocol: ProtocolRPC,
		Check: rpcLimit, Item: appengineCodecItem, Calls: appengineCodecCalls,
	},
}
