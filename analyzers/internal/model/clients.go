package model

// Client describes a memcache client library whose key arguments are sinks.
type Client struct {
	// Path is the import path of the package that declares Client and Item.
	Path string
	// Name is how diagnostics call the package.
	Name string
	// ValidatesKeys reports whether the client refuses keys longer than 250
	// bytes or holding an unsafe byte before anything reaches the wire. Such
	// a client turns an injection into an error (ErrMalformedKey): failed
	// requests, cache bypass and, without escaping, key collisions.
	ValidatesKeys bool
}

// Clients lists the modelled memcache client libraries. Both share the API
// of bradfitz/gomemcache and its legalKey check.
var Clients = []Client{
	{Path: "github.com/bradfitz/gomemcache/memcache", Name: "gomemcache", ValidatesKeys: true},
	{Path: "github.com/grafana/gomemcache/memcache", Name: "grafana/gomemcache", ValidatesKeys: true},
}

// KeyShape says how a sink's argument carries the key.
type KeyShape uint8

const (
	// KeyString is a string argument that is the key.
	KeyString KeyShape = iota
	// KeyList is a []string whose every element is a key.
	KeyList
	// ItemKey is a *Item whose Key field is the key.
	ItemKey
)

// clientMethods are the methods of (*Client) that take a key, with the shape
// of their key argument. The key is the first argument after the receiver.
var clientMethods = []struct {
	Name  string
	Shape KeyShape
}{
	{"Get", KeyString},
	{"GetMulti", KeyList},
	{"GetAndTouch", KeyString},
	{"Touch", KeyString},
	{"Delete", KeyString},
	{"Increment", KeyString},
	{"Decrement", KeyString},
	{"Set", ItemKey},
	{"Add", ItemKey},
	{"Replace", ItemKey},
	{"Append", ItemKey},
	{"Prepend", ItemKey},
	{"CompareAndSwap", ItemKey},
}

// KeySink is a call whose argument Arg (counting the receiver as 0) becomes a
// memcache key.
type KeySink struct {
	Func   string // types.Func.FullName, e.g. "(*github.com/bradfitz/gomemcache/memcache.Client).Get"
	Short  string // for messages: "(*memcache.Client).Get"
	Arg    int
	Shape  KeyShape
	Client *Client
}

// ItemKeyField is the name of the key field of an Item.
const ItemKeyField = "Key"

// ClientMethod is a method of (*Client) that takes a key.
type ClientMethod struct {
	Name  string
	Shape KeyShape
}

// ClientMethods returns the methods of (*Client) that take a key as their
// first argument after the receiver.
func ClientMethods() []ClientMethod {
	out := make([]ClientMethod, len(clientMethods))
	for i, m := range clientMethods {
		out[i] = ClientMethod(m)
	}
	return out
}
