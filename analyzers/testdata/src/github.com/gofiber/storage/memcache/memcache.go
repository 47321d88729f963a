// Package memcache is a stub of gofiber's memcache storage.
package memcache

// Config configures the storage.
type Config struct {
	// Servers lists the servers, divided by ",".
	Servers string
	Reset   bool
}

// Storage is a memcache-backed storage.
type Storage struct{}

// New returns a storage.
func New(config ...Config) *Storage { return &Storage{} }
