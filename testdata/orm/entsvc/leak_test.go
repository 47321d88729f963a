package entsvc

import (
	"context"
	"testing"

	"github.com/bradfitz/gomemcache/memcache"

	"example.com/orm/harness"
)

// TestLeak: entcache stores the raw columns of a query in memcached, the
// password hash ent's schema marks Sensitive() included, as sensitivedata
// reports at the query.
func TestLeak(t *testing.T) {
	ctx := context.Background()
	for _, srv := range harness.Servers(t) {
		t.Run(srv.Name, func(t *testing.T) {
			s, err := Open(ctx, harness.DB(t), memcache.New(srv.Addr))
			if err != nil {
				t.Fatal(err)
			}
			for _, u := range harness.Users {
				if err := s.Create(ctx, u.Name, u.Email, u.PasswordHash, "0000"); err != nil {
					t.Fatal(err)
				}
			}
			u, err := s.ByName(ctx, "alice")
			if err != nil || u.Email != harness.Users[0].Email {
				t.Fatalf("ByName(alice) = %v, %v", u, err)
			}
			values := harness.Dump(t, srv.Addr)
			keys := harness.Holding(values, harness.Users[0].Email, harness.Users[0].PasswordHash)
			if len(keys) == 0 {
				t.Fatalf("no cached value holds alice's e-mail and password hash")
			}
			t.Logf("LEAK: alice's e-mail and Sensitive() password hash read back from %v", keys)
		})
	}
}
