package model

// SensitiveClass groups the sensitive terms by the harm their data does
// when it leaks; each class can be switched off on its own
// (-sensitivedata.classes, sensitive-classes in .cachevet.yaml).
type SensitiveClass uint8

const (
	// NoClass is a field marked by its cachevet tag or matched by a
	// configured term: the user's own word, which no class switch
	// overrides.
	NoClass SensitiveClass = iota
	// Secrets open accounts: passwords (their hashes too: a cached bcrypt
	// hash is cracked offline), tokens, keys, credentials.
	Secrets
	// Contact data reaches a person: e-mail addresses, phone numbers.
	Contact
	// Identity data identifies a person: national IDs, passports, dates of
	// birth.
	Identity
	// Payment data moves money: card numbers, CVVs, IBANs.
	Payment
)

// SensitiveClasses names the classes, in the order diagnostics list them:
// Name is the class's name in flags and configuration, Desc how a
// diagnostic calls its data.
var SensitiveClasses = []struct {
	Class      SensitiveClass
	Name, Desc string
}{
	{Secrets, "secrets", "secrets"},
	{Contact, "contact", "contact data"},
	{Identity, "identity", "identity data"},
	{Payment, "payment", "payment data"},
}

// Name is the class's name in flags and configuration ("" for NoClass).
func (c SensitiveClass) Name() string {
	for _, sc := range SensitiveClasses {
		if sc.Class == c {
			return sc.Name
		}
	}
	return ""
}

// Desc is how a diagnostic calls the class's data.
func (c SensitiveClass) Desc() string {
	for _, sc := range SensitiveClasses {
		if sc.Class == c {
			return sc.Desc
		}
	}
	return "data marked sensitive"
}

// SensitiveTerm is one word sequence that makes a field name mean
// sensitive data: Words as splitWords gives them, the Class of the data,
// and What a diagnostic calls it ("e-mail").
type SensitiveTerm struct {
	Words []string
	Class SensitiveClass
	What  string
}

// SensitiveTerms are the word sequences that make a field name mean
// sensitive data, one row per term. Names are split into lower-case words
// (camelCase, snake_case, kebab-case) before matching, so "PasswordHash",
// "password_hash" and "pwHash" are judged alike. A term may end in a
// metadata word ("national id"): the name then holds the data.
var SensitiveTerms = []SensitiveTerm{
	{[]string{"password"}, Secrets, "password"},
	{[]string{"passwd"}, Secrets, "password"},
	{[]string{"pwd"}, Secrets, "password"},
	{[]string{"pw"}, Secrets, "password"},
	{[]string{"passphrase"}, Secrets, "password"},
	{[]string{"pass", "hash"}, Secrets, "password"},
	{[]string{"secret"}, Secrets, "secret"},
	{[]string{"token"}, Secrets, "token"},
	{[]string{"jwt"}, Secrets, "token"},
	{[]string{"csrf"}, Secrets, "token"},
	{[]string{"api", "key"}, Secrets, "key"},
	{[]string{"apikey"}, Secrets, "key"},
	{[]string{"private", "key"}, Secrets, "key"},
	{[]string{"privkey"}, Secrets, "key"},
	{[]string{"credential"}, Secrets, "credential"},
	{[]string{"credentials"}, Secrets, "credential"},

	{[]string{"email"}, Contact, "e-mail"},
	{[]string{"e", "mail"}, Contact, "e-mail"},
	{[]string{"mail", "address"}, Contact, "e-mail"},
	{[]string{"mail"}, Contact, "e-mail"},
	{[]string{"phone"}, Contact, "phone"},
	{[]string{"telephone"}, Contact, "phone"},
	{[]string{"mobile", "number"}, Contact, "phone"},
	{[]string{"msisdn"}, Contact, "phone"},
	{[]string{"street", "address"}, Contact, "postal address"},
	{[]string{"home", "address"}, Contact, "postal address"},
	{[]string{"postal", "address"}, Contact, "postal address"},

	{[]string{"ssn"}, Identity, "national ID"},
	{[]string{"social", "security", "number"}, Identity, "national ID"},
	{[]string{"national", "id"}, Identity, "national ID"},
	{[]string{"national", "identifier"}, Identity, "national ID"},
	{[]string{"tax", "id"}, Identity, "national ID"},
	{[]string{"passport"}, Identity, "passport"},
	{[]string{"driver", "license"}, Identity, "driver's licence"},
	{[]string{"drivers", "license"}, Identity, "driver's licence"},
	{[]string{"date", "of", "birth"}, Identity, "date of birth"},
	{[]string{"birth", "date"}, Identity, "date of birth"},
	{[]string{"birthdate"}, Identity, "date of birth"},
	{[]string{"birthday"}, Identity, "date of birth"},
	{[]string{"dob"}, Identity, "date of birth"},

	{[]string{"card", "number"}, Payment, "card number"},
	{[]string{"cc", "number"}, Payment, "card number"},
	{[]string{"pan"}, Payment, "card number"},
	{[]string{"cvv"}, Payment, "card security code"},
	{[]string{"cvc"}, Payment, "card security code"},
	{[]string{"cvv2"}, Payment, "card security code"},
	{[]string{"iban"}, Payment, "IBAN"},
	{[]string{"account", "number"}, Payment, "account number"},
}

// MetadataWords end names that describe sensitive data without holding
// it: EmailVerified, PasswordChangedAt, TokenType, SecretName,
// PhoneCountryCode, BirthdayReminderEnabled.
var MetadataWords = map[string]bool{
	"verified": true, "confirmed": true, "changed": true, "updated": true, "created": true,
	"at": true, "expires": true, "expiry": true, "expiration": true, "count": true,
	"type": true, "kind": true, "len": true, "length": true, "policy": true, "hint": true,
	"url": true, "uri": true, "endpoint": true, "name": true, "id": true, "required": true,
	"enabled": true, "file": true, "path": true, "env": true, "header": true, "prefix": true,
	"format": true, "algorithm": true, "alg": true, "ttl": true, "domain": true, "sent": true,
	"status": true, "version": true, "scheme": true, "code": true, "country": true,
	"reminder": true, "visible": true, "public": true,
}

// Encoder describes a serializer whose output reaches a cached value.
type Encoder struct {
	// Name is how diagnostics call it: "encoding/json".
	Name string
	// Tag is the struct tag key that renames or hides fields ("-").
	Tag string
	// DashCommaHides: a tag of "-," hides the field as "-" does
	// (msgpack's tagparser); encoding/json names the field "-" instead.
	DashCommaHides bool
	// FallbackTag is the tag read where Tag is absent: none unless the
	// encoder was told one (see Role SetsFallbackTag).
	FallbackTag string
	// Unexported reports whether it serializes unexported fields (fmt does).
	Unexported bool
	// Marshalers lists the methods a type may define to encode itself,
	// in the order the encoder prefers them: returning the encoding
	// (MarshalJSON, GobEncode, String) or writing it into an argument
	// (MarshalXML's encoder, msgpack's EncodeMsgpack, fmt's Format).
	// cachevet judges such a method by the sensitive fields its summary
	// says its result carries or it writes into its arguments.
	Marshalers []string
}

// FmtEncoder is fmt's %v, %+v and %#v: every field, unexported ones too.
var FmtEncoder = Encoder{Name: "fmt", Unexported: true, Marshalers: []string{"Format", "Error", "String", "GoString"}}

var jsonEncoder = Encoder{Name: "encoding/json", Tag: "json", Marshalers: []string{"MarshalJSON", "MarshalText"}}

var xmlEncoder = Encoder{Name: "encoding/xml", Tag: "xml", Marshalers: []string{"MarshalXML", "MarshalText"}}

var gobEncoder = Encoder{Name: "encoding/gob", Marshalers: []string{"GobEncode", "MarshalBinary"}}

// msgpackEncoder is github.com/vmihailenco/msgpack/v5 as of v5.4.1: its
// getFields reads the "msgpack" tag (and a fallback tag where it is
// absent, if the encoder was told one with SetCustomStructTag; v5 has no
// UseJSONTag),
// skips a field named "-"
// whatever follows the comma, and skips unexported fields unless
// embedded; getEncoder prefers, in this order, CustomEncoder
// (EncodeMsgpack), Marshaler (MarshalMsgpack), encoding.BinaryMarshaler
// and encoding.TextMarshaler.
var msgpackEncoder = Encoder{Name: "msgpack", Tag: "msgpack", DashCommaHides: true,
	Marshalers: []string{"EncodeMsgpack", "MarshalMsgpack", "MarshalBinary", "MarshalText"}}

var yamlEncoder = Encoder{Name: "yaml.v3", Tag: "yaml", Marshalers: []string{"MarshalYAML"}}

var protobufEncoder = Encoder{Name: "protobuf", Tag: "protobuf"}

// StorageVerbs are the commands followed by a data block: what the block
// holds is a cached value.
var StorageVerbs = map[string]bool{
	"set": true, "add": true, "replace": true, "append": true, "prepend": true, "cas": true, "ms": true,
}

// SensitiveClassNamed finds a class by its name in flags and configuration.
func SensitiveClassNamed(name string) (SensitiveClass, bool) {
	for _, sc := range SensitiveClasses {
		if sc.Name == name {
			return sc.Class, true
		}
	}
	return NoClass, false
}

// SensitiveClassNames are the names of the classes, in their order.
func SensitiveClassNames() []string {
	var names []string
	for _, sc := range SensitiveClasses {
		names = append(names, sc.Name)
	}
	return names
}
