package model

// A ContextValue describes a call that stores a value under a key in a
// request's context, or reads one back: middleware calls c.Set("user", u)
// and a handler the framework calls next reads c.GetString("user"), with
// no call between them. The flow engine keeps one place per key (a
// constant, a package variable, the type of a struct{} key) for the
// package, so a store reaches every read of the same key.
type ContextValue struct {
	// Key is the argument holding the key (receiver = 0).
	Key int
	// Value is the argument holding the value stored; 0 for a read,
	// whose result is the value.
	Value int
	// Context is the argument whose context the result is, for a store
	// that returns a new context (context.WithValue); -1 for none.
	Context int
}

func storeValue(key, value int) ContextValue {
	return ContextValue{Key: key, Value: value, Context: -1}
}
func readValue(key int) ContextValue { return ContextValue{Key: key, Context: -1} }

// ContextValues maps types.Func.FullName to the stores and reads of
// request context values: one row per function.
var ContextValues = map[string]ContextValue{
	"context.WithValue":             {Key: 1, Value: 2, Context: 0},
	"(context.Context).Value":       readValue(1),
	gin + "Set":                     storeValue(1, 2),
	gin + "Get":                     readValue(1),
	gin + "MustGet":                 readValue(1),
	gin + "Value":                   readValue(1),
	gin + "GetString":               readValue(1),
	gin + "GetStringSlice":          readValue(1),
	gin + "GetStringMap":            readValue(1),
	gin + "GetStringMapString":      readValue(1),
	gin + "GetStringMapStringSlice": readValue(1),
	echo + "Set":                    storeValue(1, 2),
	echo + "Get":                    readValue(1),
	fiber + "Locals":                {Key: 1, Value: 2, Context: -1},
}
