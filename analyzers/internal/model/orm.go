package model

const (
	gormDB     = "(*gorm.io/gorm.DB)."
	gormCaches = "github.com/go-gorm/caches/v4"
	entcache   = "ariga.io/entcache"
)

// CacheInstall is a call that installs a query cache: every query made
// through the handle it is installed on, or the handle it makes, hands its
// rows to the cache's store callback.
type CacheInstall struct {
	// Target is the argument (receiver = 0) that is the handle, or
	// MadeHandle.
	Target int
	// Plugin is the argument that holds the cache's callbacks: the user's
	// implementations of Store's interface are found in it, in the fields
	// of what it points to and in the options it lists.
	Plugin int
	// PluginType, if set, is the type the argument's value must have to be
	// this cache (a gorm plugin is any gorm.Plugin).
	PluginType string
	// Store is the callback the cache stores the rows through.
	Store Callback
	// RowMethods, for a MadeHandle, are the names of the methods of the
	// handles made from it whose results are a query's rows: ent
	// generates them for each entity of the schema, in the user's module.
	RowMethods []string
	// Name names the cache in a diagnostic.
	Name string
}

// MadeHandle is the Target of a CacheInstall whose result is a handle that
// caches: what is made from it (an ent client made with the cached driver,
// the query builders of the client) caches too.
const MadeHandle = -1

// CacheInstalls maps the installing functions by types.Func.FullName.
var CacheInstalls = map[string]CacheInstall{
	gormDB + "Use": {
		Target: 0, Plugin: 1, PluginType: "*" + gormCaches + ".Caches",
		Store: Callbacks[2], Name: "gorm-caches",
	},
	entcache + ".NewDriver": {
		Target: MadeHandle, Plugin: 1,
		Store:      Callbacks[3],
		RowMethods: []string{"All", "AllX", "First", "FirstX", "Only", "OnlyX", "Get", "GetX"},
		Name:       "entcache",
	},
}

// QueryDests maps the query methods of ORM handles whose rows a query
// cache stores to the argument (receiver = 0) the rows are read into.
var QueryDests = map[string]int{
	gormDB + "Find":          1,
	gormDB + "FindInBatches": 1,
	gormDB + "First":         1,
	gormDB + "Take":          1,
	gormDB + "Last":          1,
	gormDB + "Scan":          1,
	gormDB + "FirstOrInit":   1,
	gormDB + "FirstOrCreate": 1,
	gormDB + "Pluck":         2,
}

// DerivedHandles are the methods of ORM handles whose result is a handle
// that shares the receiver's installed plugins: a query through
// db.Where(...).Order(...) is cached as one through db.
var DerivedHandles = map[string]bool{
	gormDB + "Where": true, gormDB + "Or": true, gormDB + "Not": true, gormDB + "Model": true,
	gormDB + "Table": true, gormDB + "Order": true, gormDB + "Limit": true, gormDB + "Offset": true,
	gormDB + "Preload": true, gormDB + "Joins": true, gormDB + "InnerJoins": true, gormDB + "Select": true,
	gormDB + "Omit": true, gormDB + "Distinct": true, gormDB + "Group": true, gormDB + "Having": true,
	gormDB + "Scopes": true, gormDB + "Clauses": true, gormDB + "Unscoped": true, gormDB + "Raw": true,
	gormDB + "WithContext": true, gormDB + "Session": true, gormDB + "Debug": true, gormDB + "Attrs": true,
	gormDB + "Assign": true, gormDB + "Begin": true,
}
