package fixed

import (
	"testing"

	"github.com/bradfitz/gomemcache/memcache"

	"example.com/orm/harness"
)

// TestNoLeak runs the fixed service as TestLeak runs the leaky one: the
// profile is cached, the secrets are not.
func TestNoLeak(t *testing.T) {
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
			for id := uint(1); id <= 2; id++ {
				p, err := s.Profile(id)
				if err != nil || p.Name != harness.Users[id-1].Name {
					t.Fatalf("Profile(%d) = %+v, %v", id, p, err)
				}
				u, err := s.User(id)
				if err != nil || u.PasswordHash != harness.Users[id-1].PasswordHash {
					t.Fatalf("User(%d) = %+v, %v", id, u, err)
				}
			}
			values := harness.Dump(t, srv.Addr)
			if len(harness.Holding(values, harness.Users[0].Name)) == 0 {
				t.Fatalf("the profiles were not cached: the test proves nothing")
			}
			for _, secret := range harness.Secrets() {
				if keys := harness.Holding(values, secret); len(keys) > 0 {
					t.Errorf("cached values %v hold %q", keys, secret)
				}
			}
		})
	}
}
