// Package sensitivedata defines an Analyzer that reports passwords,
// e-mail addresses, tokens and other secrets reaching a cached value.
//
// # Analyzer sensitivedata
//
// sensitivedata: report secrets and personal data stored in memcached
//
// Anyone who reaches a memcached server can list every key
// (`stats cachedump`, `lru_crawler metadump all`, `watch`) and read every
// value: memcached has no authentication by default. Sites have leaked
// their users' password hashes and e-mail addresses this way, often because
// an ORM or a helper cached whole user rows:
//
//	b, _ := json.Marshal(user) // User{Name, Email, PasswordHash}
//	mc.Set(&memcache.Item{Key: "user:42", Value: b})
//
// A field is sensitive when it can hold text (a string, a byte slice, a
// named string type, or pointers, slices and maps of them) and its Go name
// or serialized name, split into words, means a secret or contact data:
// password, passwd, pwd, passphrase (hashes included: a cached bcrypt hash
// is cracked offline), secret, token (access, refresh, session, bearer,
// jwt, csrf), api key, private key, credential, e-mail or mail address,
// SSN, card number, CVV. Names that describe a secret without holding it
// stay quiet: EmailVerified bool, PasswordChangedAt time.Time, TokenType.
// The struct tag `cachevet:"sensitive"` marks more fields and
// `cachevet:"-"` clears one; -sensitivedata.patterns adds terms
// (comma separated, snake_case: "phone_number,date_of_birth").
//
// The analyzer follows values into Item.Value of Set, Add, Replace,
// Append, Prepend and CompareAndSwap and into the data block of a
// hand-written `set` command, through encoding/json (honouring json:"-"
// and unexported fields; omitempty hides nothing; a MarshalJSON method is
// trusted), encoding/gob (exported fields), encoding/xml, fmt's %v, %+v and
// %#v (unexported fields too), msgpack, protobuf and yaml.v3, direct field
// reads such as []byte(u.Email), and nested structs, slices, maps and
// pointers. Encryption (cipher.AEAD.Seal, nacl secretbox) and copying only
// safe fields into a separate type are the fixes it recognizes.
//
// Helpers are followed across packages: SetJSON(key string, v any), which
// marshals and stores, makes its v a value sink, and the caller that passes
// a User is reported.
//
// Silence one finding with a reason:
//
//	//cachevet:ignore sensitivedata the cache is encrypted at rest and bound to loopback
package sensitivedata
