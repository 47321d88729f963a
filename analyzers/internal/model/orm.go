package model

const (
	gormDB     = "(*gorm.io/gorm.DB)."
	gormCaches = "github.com/go-gorm/caches/v4"
	entcache   = "ariga.io/entcache"
)

// CacheInstall is a call that installs a query cache on an ORM handle:
// every query made through the handle afterwards hands its rows to the
// cache's callbacks.
type CacheInstall struct {
	// Target is the argument (receiver = 0) that is the handle.
	Target int
	// Plugin is the argument that holds the cache.
	Plugin int
	// PluginType is the type of the argument's value that is this cache
	// (a gorm plugin is any gorm.Plugin): "*github.com/go-gorm/caches/v4.Caches".
	PluginType string
	// Path are the fields from the plugin to the user's implementation of
	// Callback's interface: Conf, then Cacher.
	Path []string
	// Store is the callback the cache stores the rows through.
	Store Callback
	// Name names the cache in a diagnostic.
	Name string
}

// CacheInstalls maps the installing functions by types.Func.FullName.
var CacheInstalls = map[string]CacheInstall{
	gormDB + "Use": {
		Target: 0, Plugin: 1, PluginType: "*" + gormCaches + ".Caches", Path: []string{"Conf", "Cacher"},
		Store: Callbacks[2], Name: "gorm-caches",
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
