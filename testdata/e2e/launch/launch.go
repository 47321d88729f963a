// Package launch starts a local memcached and connects to caches by
// address: the exposure analyzer judges the constant addresses.
package launch

import (
	"os/exec"

	"github.com/bradfitz/gomemcache/memcache"
)

// StartOpen starts memcached without -l: it binds every interface.
func StartOpen() *exec.Cmd {
	return exec.Command("memcached", "-m", "64", "-p", "11211") // want exposure: every interface
}

// StartLocal starts memcached on loopback only.
func StartLocal() *exec.Cmd {
	return exec.Command("memcached", "-l", "127.0.0.1", "-m", "64", "-p", "11211") // ok exposure: loopback
}

// Remote connects to a cache over the internet.
func Remote() *memcache.Client {
	return memcache.New("203.0.113.7:11211") // want exposure: public
}

// Internal connects to a cache on the private network.
func Internal() *memcache.Client {
	return memcache.New("10.0.0.5:11211") // ok exposure: a private address
}
