// Package managerapp hands managerlib's manager a memcache-backed store
// and looks request data up through it: the key reaches memcached through
// the manager's field, and is reported at the application's call.
package managerapp

import (
	"context"
	"net/http"
	"strconv"

	"github.com/bradfitz/gomemcache/memcache"

	"keyinjection/managerlib"
)

type mcStore struct{ mc *memcache.Client }

func (s *mcStore) Get(_ context.Context, key string) ([]byte, error) {
	it, err := s.mc.Get(key)
	if err != nil {
		return nil, err
	}
	return it.Value, nil
}

func (s *mcStore) Set(_ context.Context, key string, value []byte) error {
	return s.mc.Set(&memcache.Item{Key: key, Value: value})
}

// memStore keeps values in memory: any key is fine.
type memStore map[string][]byte

func (m memStore) Get(_ context.Context, key string) ([]byte, error) { return m[key], nil }
func (m memStore) Set(_ context.Context, key string, v []byte) error { m[key] = v; return nil }

func handler(mc *memcache.Client, r *http.Request) {
	ctx := r.Context()
	q := r.FormValue("q")
	c := managerlib.New[string](&mcStore{mc})
	c.Get(ctx, q) // want `request data \(r\.FormValue\) reaches the memcache key of \(\*memcache\.Client\)\.Get through \(\*managerlib\.Cache\[T\]\)\.Get and \(\*managerapp\.mcStore\)\.Get unescaped`
	c.Set(ctx, q, nil)
	n, _ := strconv.Atoi(q)
	c.Get(ctx, strconv.Itoa(n))
	m := managerlib.New[string](memStore{})
	m.Get(ctx, q)
	lookup(ctx, managerlib.New[string](&mcStore{mc}), q) // want `request data \(r\.FormValue\) reaches the memcache key of \(\*memcache\.Client\)\.Get through managerapp\.lookup`
	lookup(ctx, m, q)
}

// lookup is handed the manager: its caller chooses the store and the key.
func lookup(ctx context.Context, c *managerlib.Cache[string], key string) {
	c.Get(ctx, key)
}

// routes builds the managers once; the handlers capture them.
func routes(mc *memcache.Client) {
	users := managerlib.New[string](&mcStore{mc})
	local := managerlib.New[string](memStore{})
	http.HandleFunc("/u", func(w http.ResponseWriter, r *http.Request) {
		users.Get(r.Context(), r.FormValue("id")) // want `request data \(r\.FormValue\) reaches the memcache key of \(\*memcache\.Client\)\.Get through \(\*managerlib\.Cache\[T\]\)\.Get`
		local.Get(r.Context(), r.FormValue("id"))
	})
}
