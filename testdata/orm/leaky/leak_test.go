package leaky

import (
	"testing"

	"github.com/bradfitz/gomemcache/memcache"

	"example.com/orm/harness"
)

// TestLeak queries the users through the cached handle, then reads
// memcached as a stranger: the password hashes and e-mail addresses are
// there, as sensitivedata reports at the queries.
func TestLeak(t *testing.T) {
	for _, srv := range harness.Servers(t) {
		t.Run(srv.Name, func(t *testing.T) {
			s, err := Open(harness.DB(t), memcache.New(srv.Addr))
			if err != nil {
				t.Fatal(err)
			}
			for _, u := range harness.Users {
				if err := s.Create(&User{Name: u.Name, Email: u.Email, PasswordHash: u.PasswordHash}); err != nil {
					t.Fatal(err)
				}
			}
			u, err := s.User(1)
			if err != nil || u.Email != harness.Users[0].Email {
				t.Fatalf("User(1) = %+v, %v", u, err)
			}
			if us, err := s.ByName("bob"); err != nil || len(us) != 1 {
				t.Fatalf("ByName(bob) = %+v, %v", us, err)
			}
			values := harness.Dump(t, srv.Addr)
			for _, u := range harness.Users {
				keys := harness.Holding(values, u.Email, u.PasswordHash)
				if len(keys) == 0 {
					t.Errorf("no cached value holds %s's e-mail and password hash", u.Name)
					continue
				}
				t.Logf("LEAK: %s's e-mail and password hash read back from %v", u.Name, keys)
			}
		})
	}
}
