package model

// SensitiveTerms are the word sequences that make a field name mean a
// secret or personal contact data. Names are split into lower-case words
// (camelCase, snake_case, kebab-case) before matching, so "PasswordHash",
// "password_hash" and "pwHash" are judged alike.
var SensitiveTerms = [][]string{
	{"password"}, {"passwd"}, {"pwd"}, {"pw"}, {"passphrase"}, {"pass", "hash"},
	{"secret"}, {"token"}, {"jwt"}, {"csrf"}, {"api", "key"}, {"apikey"},
	{"private", "key"}, {"privkey"}, {"credential"}, {"credentials"},
	{"email"}, {"e", "mail"}, {"mail", "address"}, {"mail"},
	{"ssn"}, {"social", "security", "number"},
	{"card", "number"}, {"cc", "number"}, {"pan"}, {"cvv"}, {"cvc"}, {"cvv2"},
}

// MetadataWords end names that describe a secret without holding it:
// EmailVerified, PasswordChangedAt, TokenType, SecretName.
var MetadataWords = map[string]bool{
	"verified": true, "confirmed": true, "changed": true, "updated": true, "created": true,
	"at": true, "expires": true, "expiry": true, "expiration": true, "count": true,
	"type": true, "kind": true, "len": true, "length": true, "policy": true, "hint": true,
	"url": true, "uri": true, "endpoint": true, "name": true, "id": true, "required": true,
	"enabled": true, "file": true, "path": true, "env": true, "header": true, "prefix": true,
	"format": true, "algorithm": true, "alg": true, "ttl": true, "domain": true, "sent": true,
	"status": true, "version": true, "scheme": true,
}

// Encoder describes a serializer whose output reaches a cached value.
type Encoder struct {
	// Name is how diagnostics call it: "encoding/json".
	Name string
	// Tag is the struct tag key that renames or hides fields ("-").
	Tag string
	// Unexported reports whether it serializes unexported fields (fmt does).
	Unexported bool
	// Trusted lists the methods a type may define to encode itself, which
	// cachevet then trusts: MarshalJSON, GobEncode, String...
	Trusted []string
}

// FmtEncoder is fmt's %v, %+v and %#v: every field, unexported ones too.
var FmtEncoder = Encoder{Name: "fmt", Unexported: true, Trusted: []string{"String", "Error", "Format", "GoString"}}

var jsonEncoder = Encoder{Name: "encoding/json", Tag: "json", Trusted: []string{"MarshalJSON", "MarshalText"}}

var xmlEncoder = Encoder{Name: "encoding/xml", Tag: "xml", Trusted: []string{"MarshalXML", "MarshalText"}}

var gobEncoder = Encoder{Name: "encoding/gob", Trusted: []string{"GobEncode", "MarshalBinary"}}

var protobufEncoder = Encoder{Name: "protobuf", Tag: "protobuf"}

// StorageVerbs are the commands followed by a data block: what the block
// holds is a cached value.
var StorageVerbs = map[string]bool{
	"set": true, "add": true, "replace": true, "append": true, "prepend": true, "cas": true, "ms": true,
}
