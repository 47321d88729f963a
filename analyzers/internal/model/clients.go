package model

import (
	"fmt"
	"go/token"
	"strings"
)

// Client describes the key-taking API of a memcache client library: one
// type of one package (or the package's functions), what it sends to the
// server and what it checks first. The engine, the fixes, the messages and
// exposure derive every name, argument index and harm from it; the
// built-in descriptions (BuiltinClients) and the ones a user writes in
// .cachevet.yaml under "clients" have this one schema.
//
//   - name: kklis/gomemcache
//     path: github.com/kklis/gomemcache
//     type: "*Memcache"
//     protocol: text
//     calls:
//   - {func: Get, key: 1}
//   - {func: Set, key: 1, value: 2}
//   - {func: GetMulti, key: 1, shape: keys}
//     servers:
//   - {func: Dial, arg: 2}
type Client struct {
	// Name is how diagnostics name the library: "gomemcache".
	Name string `yaml:"name" json:"name"`
	// Path is the import path of the package.
	Path string `yaml:"path" json:"path"`
	// Pkg is the package's name where it is not the last element of
	// Path (or of the path before a major version).
	Pkg string `yaml:"package,omitempty" json:"package,omitempty"`
	// Type is the receiver of the calls as Go writes it in a method's
	// full name: "*Client" for methods of a pointer, "Client" for an
	// interface (or value receiver), "" for package functions.
	Type string `yaml:"type" json:"type"`
	// Protocol is what goes on the wire.
	Protocol Protocol `yaml:"protocol" json:"protocol"`
	// Check is the client's own key check, applied before anything is
	// sent.
	Check KeyCheck `yaml:"check" json:"check"`
	// Item, if the API passes keys and values in a struct, names it.
	Item *ItemType `yaml:"item,omitempty" json:"item,omitempty"`
	// Calls are the functions or methods of Type that take a key.
	Calls []Call `yaml:"calls" json:"calls"`
	// Servers are the calls that take the addresses of memcached
	// servers, for exposure.
	Servers []ServerArg `yaml:"servers,omitempty" json:"servers,omitempty"`
}

// ItemType names the struct an API carries a key and its value in.
type ItemType struct {
	Type  string `yaml:"type" json:"type"`   // "Item"
	Key   string `yaml:"key" json:"key"`     // its key field: "Key"
	Value string `yaml:"value" json:"value"` // its value field: "Value"
	// Encoder, if set, says that the value field holds a Go value the
	// library encodes with this encoder (an Encoder's Name, such as
	// "encoding/json"), not the bytes stored.
	Encoder string `yaml:"encoder,omitempty" json:"encoder,omitempty"`
}

// Call is one key-taking function or method. Key and Value count the
// parameters from 1, the receiver not counted; 0 means none. When a
// version of the library has the key elsewhere (grafana/gomemcache's
// GetMulti gained a context first), the engine takes the first parameter
// whose type fits Shape.
type Call struct {
	Func  string   `yaml:"func" json:"func"`
	Key   int      `yaml:"key" json:"key"`
	Shape KeyShape `yaml:"shape,omitempty" json:"shape,omitempty"`
	// Value is the parameter that becomes the cached value; for Item
	// shapes the Item's value field is.
	Value int `yaml:"value,omitempty" json:"value,omitempty"`
}

// ServerArg is a call that takes server addresses: parameter Arg
// (counted from 1) and, if the call is variadic, the ones after it. Type
// is "" for a package function or the receiver as in Client.Type.
type ServerArg struct {
	Func string `yaml:"func" json:"func"`
	Type string `yaml:"type,omitempty" json:"type,omitempty"`
	Arg  int    `yaml:"arg" json:"arg"`
	// List: the argument is a comma- or space-separated list of
	// addresses in one string (memcachier/mc's "host1:11211,host2:11211").
	List bool `yaml:"list,omitempty" json:"list,omitempty"`
}

// KeyCheck is what a client checks of a key before it sends it.
type KeyCheck struct {
	// MaxLen is the longest key the client accepts; 0: any length.
	MaxLen int `yaml:"max-length,omitempty" json:"max-length,omitempty"`
	// Rejects are the unsafe bytes the client refuses (with Error).
	Rejects ByteSet `yaml:"rejects,omitempty" json:"rejects,omitempty"`
	// Error is what the caller gets for a refused key: "ErrMalformedKey".
	Error string `yaml:"error,omitempty" json:"error,omitempty"`
	// LengthBits, if set, is the width of the key length the client
	// writes into a binary header: a key of 1<<LengthBits bytes or more
	// overflows it, with the effect Overflow says.
	LengthBits int `yaml:"length-bits,omitempty" json:"length-bits,omitempty"`
	// Overflow is what the server makes of an overflowed key length:
	// "smuggle" when the body length wraps with it, so the rest of the key
	// is parsed as further requests; "collide" when the body length is
	// wider, so the key's first bytes become the key and the rest the
	// value: the item is stored under another key.
	Overflow string `yaml:"overflow,omitempty" json:"overflow,omitempty"`
}

// Protocol is what a client sends on the wire, which decides what a bad
// key does.
type Protocol uint8

const (
	// ProtocolText is memcached's classic text protocol: a key is a
	// space-separated token of a CRLF-terminated command line.
	ProtocolText Protocol = iota + 1
	// ProtocolMeta is the meta text protocol (mg, ms, md, ma): the same
	// line syntax, with single-letter flags after the key.
	ProtocolMeta
	// ProtocolBinary is memcached's binary protocol: the key is a
	// length-prefixed byte string.
	ProtocolBinary
	// ProtocolRPC is a cache service reached by RPC (App Engine's
	// memcache): the key travels as a protocol buffer field.
	ProtocolRPC
	// ProtocolAny is a client interface whose implementations speak text
	// or binary, as configured.
	ProtocolAny
)

var protocolNames = map[Protocol]string{
	ProtocolText: "text", ProtocolMeta: "meta", ProtocolBinary: "binary", ProtocolRPC: "rpc", ProtocolAny: "text or binary",
}

func (p Protocol) String() string { return protocolNames[p] }

// MarshalText writes the protocol's name.
func (p Protocol) MarshalText() ([]byte, error) { return []byte(p.String()), nil }

// UnmarshalText reads a protocol's name.
func (p *Protocol) UnmarshalText(b []byte) error {
	for q, name := range protocolNames {
		if name == string(b) || (q == ProtocolAny && string(b) == "any") {
			*p = q
			return nil
		}
	}
	return fmt.Errorf("unknown protocol %q (want text, meta, binary, rpc or any)", b)
}

// KeyShape says how a sink's argument carries the key.
type KeyShape uint8

const (
	// KeyString is a string (or []byte) argument that is the key.
	KeyString KeyShape = iota
	// KeyList is a []string, or a variadic ...string, whose every
	// element is a key.
	KeyList
	// ItemKey is a *Item whose key field is the key.
	ItemKey
	// KeyMap is a map whose keys are the keys.
	KeyMap
	// ItemList is a []*Item whose every element's key field is a key.
	ItemList
)

var shapeNames = map[KeyShape]string{KeyString: "key", KeyList: "keys", ItemKey: "item", KeyMap: "map", ItemList: "items"}

func (s KeyShape) String() string { return shapeNames[s] }

// MarshalText writes the shape's name.
func (s KeyShape) MarshalText() ([]byte, error) { return []byte(s.String()), nil }

// UnmarshalText reads a shape's name.
func (s *KeyShape) UnmarshalText(b []byte) error {
	for q, name := range shapeNames {
		if name == string(b) {
			*s = q
			return nil
		}
	}
	return fmt.Errorf("unknown key shape %q (want key, keys, item, map or items)", b)
}

// Items reports whether the shape carries keys in Items.
func (s KeyShape) Items() bool { return s == ItemKey || s == ItemList }

// Package is the package's name as diagnostics write it: the last
// element of Path, or of the path before a major version suffix.
func (c *Client) Package() string {
	if c.Pkg != "" {
		return c.Pkg
	}
	p := strings.TrimSuffix(c.Path, "/")
	if i := strings.LastIndex(p, "/"); i >= 0 {
		last := p[i+1:]
		if len(last) > 1 && last[0] == 'v' && strings.Trim(last[1:], "0123456789") == "" {
			if j := strings.LastIndex(p[:i], "/"); j >= 0 {
				return p[j+1 : i]
			}
		}
		return last
	}
	return p
}

// FuncName is the types.Func.FullName of the call fn of c's Type.
func (c *Client) FuncName(fn string) string { return memberName(c.Path, c.Type, fn) }

// ShortName is how diagnostics write the call: "(*memcache.Client).Get",
// "memcache.Get" for a package function.
func (c *Client) ShortName(fn string) string { return memberName(c.Package(), c.Type, fn) }

func memberName(pkg, typ, fn string) string {
	switch {
	case typ == "":
		return pkg + "." + fn
	case strings.HasPrefix(typ, "*"):
		return "(*" + pkg + "." + typ[1:] + ")." + fn
	}
	return "(" + pkg + "." + typ + ")." + fn
}

// TypeName is the name of c's receiver type without the pointer, "" for
// package functions.
func (c *Client) TypeName() string { return strings.TrimPrefix(c.Type, "*") }

// ItemFields returns the key and value fields of the client's Item; the
// gomemcache names when it has none.
func (c *Client) ItemFields() (key, value string) {
	if c == nil || c.Item == nil {
		return "Key", "Value"
	}
	return c.Item.Key, c.Item.Value
}

// BuiltinClient returns the built-in description named name.
func BuiltinClient(name string) (*Client, bool) {
	for i := range BuiltinClients {
		if BuiltinClients[i].Name == name {
			return &BuiltinClients[i], true
		}
	}
	return nil, false
}

// Validate checks a description, as a user writes it, for what cannot
// work: the error names the field.
func (c *Client) Validate() error {
	switch {
	case c.Name == "":
		return fmt.Errorf("a client needs a name")
	case c.Path == "" || strings.ContainsAny(c.Path, " ()*"):
		return fmt.Errorf("client %s: path %q is not an import path", c.Name, c.Path)
	case c.Type != "" && !token.IsIdentifier(strings.TrimPrefix(c.Type, "*")):
		return fmt.Errorf("client %s: type %q is not a type name (\"*Client\", \"Client\" or empty)", c.Name, c.Type)
	case c.Protocol == 0:
		return fmt.Errorf("client %s: protocol is missing (text, meta, binary, rpc or any)", c.Name)
	case len(c.Calls) == 0 && len(c.Servers) == 0:
		return fmt.Errorf("client %s: no calls", c.Name)
	}
	if (c.Check.LengthBits > 0) != (c.Check.Overflow == "smuggle" || c.Check.Overflow == "collide") {
		return fmt.Errorf("client %s: check: length-bits needs overflow (smuggle or collide), and overflow needs length-bits", c.Name)
	}
	for i, call := range c.Calls {
		switch {
		case !token.IsIdentifier(call.Func):
			return fmt.Errorf("client %s: calls[%d]: func %q is not a name", c.Name, i, call.Func)
		case call.Key < 1:
			return fmt.Errorf("client %s: calls[%d] (%s): key must be the key's parameter, counted from 1", c.Name, i, call.Func)
		case call.Value < 0:
			return fmt.Errorf("client %s: calls[%d] (%s): value must be a parameter counted from 1, or 0", c.Name, i, call.Func)
		case call.Shape.Items() && c.Item == nil:
			return fmt.Errorf("client %s: calls[%d] (%s): shape %s needs the client's item", c.Name, i, call.Func, call.Shape)
		}
	}
	for i, s := range c.Servers {
		if !token.IsIdentifier(s.Func) || s.Arg < 1 {
			return fmt.Errorf("client %s: servers[%d]: needs a func name and its address parameter, counted from 1", c.Name, i)
		}
	}
	return nil
}
