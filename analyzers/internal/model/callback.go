package model

// Callback is a method a library calls on the user's type, which
// implements one of its interfaces, with data the library built: the
// parameter then holds that data whatever the user's code around the
// method does. gorm-caches hands a Cacher the key it made of the query's
// SQL text and arguments, and the query's rows to store; entcache hands an
// AddGetDeleter the rows of a query.
type Callback struct {
	// Interface is the interface the library calls through, by its
	// package path and name: "github.com/go-gorm/caches/v4.Cacher".
	Interface string
	// Method is the method called.
	Method string
	// Param is the parameter (receiver = 0) that holds the library's data.
	Param int
	// Holds is what the parameter is to the cache the method implements.
	Holds CallbackData
	// Key, for a KeyData parameter, is what the library puts in it: the
	// bytes it may hold and the description of a diagnostic.
	Key Source
	// Rows, for a ValueData parameter, says how the library's rows are
	// laid out in it.
	Rows RowLayout
}

// CallbackData says what a callback parameter is to a cache.
type CallbackData uint8

const (
	// KeyData is the key the library asks the cache to store or fetch.
	KeyData CallbackData = iota + 1
	// ValueData is what the library asks the cache to store.
	ValueData
)

// RowLayout says which fields of a model type the rows a library hands a
// cache hold, and in which encoding.
type RowLayout struct {
	// Encoding names it in a diagnostic: "encoding/json", or "raw
	// columns (encoding/gob)".
	Encoding string
	// Encoder is the encoder that writes the model's fields, when the
	// library encodes the model value itself (gorm-caches' Query.Dest);
	// nil when it stores the column values the database returned, every
	// column whatever the Go type hides (entcache's Entry).
	Encoder *Encoder
	// MarkedBy, for raw columns, is the struct tag key from which the code
	// generator of the models hides the fields the schema marks sensitive:
	// ent writes `json:"-"` on a Sensitive() field, whatever its name.
	MarkedBy string
}

// Callbacks lists the callback parameters the model knows.
var Callbacks = []Callback{
	{
		Interface: gormCaches + ".Cacher", Method: "Get", Param: 2, Holds: KeyData,
		Key: Source{Desc: gormCachesKey, Bytes: AnyUnsafe},
	},
	{
		Interface: gormCaches + ".Cacher", Method: "Store", Param: 2, Holds: KeyData,
		Key: Source{Desc: gormCachesKey, Bytes: AnyUnsafe},
	},
	{
		Interface: gormCaches + ".Cacher", Method: "Store", Param: 3, Holds: ValueData,
		Rows: RowLayout{Encoding: "encoding/json", Encoder: &jsonEncoder},
	},
	// entcache's keys are the 64-bit hash of the query and its arguments
	// (entcache.DefaultHash): a number, which is a safe key.
	{
		Interface: entcache + ".AddGetDeleter", Method: "Add", Param: 3, Holds: ValueData,
		Rows: RowLayout{Encoding: "raw columns (encoding/gob)", MarkedBy: "json"},
	},
}

const gormCachesKey = `the gorm-caches key ("gorm-caches::" + the query's SQL text + "-" + its arguments)`
