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
// or serialized name, split into words, holds a term of one of four
// classes, which the message names ("contact data (e-mail)"):
//
//   - secrets: password, passwd, pwd, passphrase (hashes included: a
//     cached bcrypt hash is cracked offline), secret, token (access,
//     refresh, session, bearer, jwt, csrf), api key, private key,
//     credential;
//   - contact: e-mail or mail address, phone, telephone, mobile number,
//     street, home or postal address;
//   - identity: SSN, national ID, tax ID, passport, driver's license,
//     date of birth, birthday, DOB;
//   - payment: card number, PAN, CVV, CVC, IBAN, account number.
//
// Every class is reported by default; -sensitivedata.classes lists those
// to report (sensitive-classes: {contact: false} in .cachevet.yaml sets
// it). Names that describe such data without holding it stay quiet:
// EmailVerified bool, PasswordChangedAt time.Time, TokenType,
// PasswordResetExpiry, PhoneCountryCode, BirthdayReminderEnabled. The
// struct tag `cachevet:"sensitive"` marks more fields and `cachevet:"-"`
// clears one; -sensitivedata.patterns adds terms (comma separated,
// snake_case: "phone_number,date_of_birth"). Marked fields and added
// terms belong to no class and are always reported.
//
// The analyzer follows values into Item.Value of Set, Add, Replace,
// Append, Prepend and CompareAndSwap and into the data block of a
// hand-written `set` command, through encoding/json (honouring json:"-"
// and unexported fields; omitempty hides nothing), encoding/gob (exported
// fields), encoding/xml, fmt's %v, %+v and %#v (unexported fields too),
// fmt.Appendf and its twins, msgpack (its msgpack tag, "-" and "-,"
// alike), protobuf and yaml.v3, direct field reads such as
// []byte(u.Email), and nested structs, slices, maps and pointers.
// Encryption (cipher.AEAD.Seal, nacl secretbox) and copying only safe
// fields into a separate type are the fixes it recognizes; a copied field
// is judged at the type encoded, so a DTO field tagged json:"-" carries
// nothing into its JSON.
//
// A type that encodes itself (MarshalJSON, MarshalText, GobEncode,
// MarshalBinary, MarshalMsgpack, MarshalYAML, or String for fmt) is judged
// by what its method's result carries, and one that writes into the
// encoder it is given (MarshalXML, EncodeMsgpack, Format) by what it
// writes there: one that still writes the e-mail is reported, one that
// leaves it out is not.
//
// What is written into a bytes.Buffer, strings.Builder or bufio.Writer
// (its Write methods, fmt.Fprintf, io.WriteString, io.Copy, an encoder made
// on it) is followed to its reads (String, Bytes, io.ReadAll, WriteTo):
// a gob encoding whose buffer's Bytes() become Item.Value is reported. The
// analysis keeps what any write put there: Reset clears nothing.
//
// Helpers are followed across packages: SetJSON(key string, v any), which
// marshals and stores, makes its v a value sink, and the caller that passes
// a User is reported.
//
// ORM query caches store whole rows. When a memcached-backed cache is
// installed on a gorm handle (go-gorm/caches: db.Use(&caches.Caches{Conf:
// &caches.Config{Cacher: c}}), c's Store reaching a memcache value) or an
// ent driver is wrapped by entcache with such a level, every query through
// that handle or one derived from it is reported once per model type, at
// the query, with the installation, the store and the fields in the
// related information. gorm-caches encodes rows with encoding/json;
// entcache stores raw columns, so ent's Sensitive() fields count too.
//
// Silence one finding with a reason:
//
//	//cachevet:ignore sensitivedata the cache is encrypted at rest and bound to loopback
package sensitivedata
