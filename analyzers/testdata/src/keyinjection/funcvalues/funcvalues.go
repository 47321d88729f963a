// Package funcvalues calls memcache through function values: method
// values, method expressions, function-typed fields, callbacks and
// returned closures. Each call applies what its possible targets do.
package funcvalues

import (
	"crypto/sha256"
	"encoding/hex"
	"net/http"

	"github.com/bradfitz/gomemcache/memcache"
)

var mc = memcache.New("127.0.0.1:11211")

func methodValue(r *http.Request) {
	get := mc.Get
	get(r.FormValue("id")) // want `request data \(r\.FormValue\) reaches the memcache key of \(\*memcache\.Client\)\.Get unescaped`
}

func methodValueReassigned(r *http.Request, del bool) {
	op := mc.Get
	if del {
		op = func(k string) (*memcache.Item, error) { return nil, mc.Delete(k) }
	}
	op(r.FormValue("id")) // want `reaches the memcache key of \(\*memcache\.Client\)\.(Get|Delete)`
}

func invoke(set func(*memcache.Client, *memcache.Item) error, it *memcache.Item) error {
	return set(mc, it)
}

func methodExpression(r *http.Request) {
	invoke((*memcache.Client).Set, &memcache.Item{Key: r.FormValue("id")}) // want `reaches the Key of the Item passed to \(\*memcache\.Client\)\.Set`
	f := (*memcache.Client).Get
	f(mc, r.FormValue("id")) // want `reaches the memcache key of \(\*memcache\.Client\)\.Get`
}

// Store holds its operations in fields.
type Store struct {
	get func(string) (*memcache.Item, error)
	del func(string) error
}

func newStore() *Store {
	return &Store{
		get: mc.Get,
		del: func(k string) error { return mc.Delete("user:" + k) },
	}
}

func fieldFuncs(r *http.Request) {
	s := newStore()
	s.get(r.FormValue("id")) // want `reaches the memcache key of \(\*memcache\.Client\)\.Get`
	s.del(r.FormValue("id")) // want `reaches the memcache key of \(\*memcache\.Client\)\.Delete`
}

// Cached calls load on a miss; the key is the caller's.
func Cached[T any](c *memcache.Client, key string, load func() (T, error)) (T, error) {
	c.Get(key)
	return load()
}

func callbackKey(r *http.Request) {
	Cached(mc, r.FormValue("id"), func() (string, error) { return "", nil }) // want `reaches the memcache key of \(\*memcache\.Client\)\.Get through funcvalues\.Cached`
}

// withKey hands the key to a callback that calls memcache.
func withKey(key string, fn func(string)) { fn(key) }

func callbackCallsGet(r *http.Request) {
	withKey(r.FormValue("id"), func(k string) { mc.Get(k) }) // want `reaches the memcache key of \(\*memcache\.Client\)\.Get`
}

// each calls fn with what its load callback returns.
func fromLoad(load func() string) { mc.Get(load()) }

func callbackReturnsRequest(r *http.Request) {
	fromLoad(func() string { return r.FormValue("id") }) // want `reaches the memcache key of \(\*memcache\.Client\)\.Get`
}

func getter() func(string) (*memcache.Item, error) {
	return func(k string) (*memcache.Item, error) { return mc.Get(k) }
}

func returnedClosure(r *http.Request) {
	g := getter()
	g(r.FormValue("id")) // want `reaches the memcache key of \(\*memcache\.Client\)\.Get`
}

// Negatives.

// memStore is an in-memory map with the same shape of method.
type memStore struct{ m map[string][]byte }

func (s *memStore) Get(k string) ([]byte, bool) { v, ok := s.m[k]; return v, ok }

func quietMethodValue(r *http.Request, s *memStore) {
	get := s.Get
	get(r.FormValue("id"))
}

func quietCallback(r *http.Request) {
	fromLoad(func() string { return "fixed" })
	withKey(r.FormValue("id"), func(k string) {
		sum := sha256.Sum256([]byte(k))
		mc.Get(hex.EncodeToString(sum[:]))
	})
}

func quietFieldFuncs() {
	s := newStore()
	s.get("fixed")
}

// Function values kept in maps and slices: every function stored into
// the container is a possible target of a call of one of its elements.
var ops = map[string]func(string) error{
	"delete": mc.Delete,
	"touch":  func(k string) error { return mc.Touch(k, 60) },
}

var quietOps = map[string]func(string) error{
	"log": func(string) error { return nil },
}

func init() { ops["noop"] = func(string) error { return nil } }

func mapElements(r *http.Request) {
	ops[r.FormValue("op")](r.FormValue("id")) // want `reaches the memcache key of \(\*memcache\.Client\)\.(Delete|Touch)`
	if op, ok := ops["delete"]; ok {
		op(r.FormValue("id")) // want `reaches the memcache key of \(\*memcache\.Client\)\.(Delete|Touch)`
	}
	quietOps["log"](r.FormValue("id"))
}

func sliceElements(r *http.Request) {
	steps := []func(string) error{mc.Delete, func(string) error { return nil }}
	for _, step := range steps {
		step(r.FormValue("id")) // want `reaches the memcache key of \(\*memcache\.Client\)\.Delete`
	}
	quiet := []func(string) error{func(string) error { return nil }}
	quiet[0](r.FormValue("id"))
}

// Router keeps its handlers in a map field.
type Router struct{ routes map[string]func(string) error }

func newRouter() *Router {
	return &Router{routes: map[string]func(string) error{"del": mc.Delete}}
}

func (rt *Router) serve(r *http.Request) {
	rt.routes[r.FormValue("op")](r.FormValue("id")) // want `reaches the memcache key of \(\*memcache\.Client\)\.Delete`
}
