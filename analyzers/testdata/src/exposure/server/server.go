package server

import "github.com/cachevet/cachevet/cacheserver"

func configs(users map[string]string, hosts []string) {
	cacheserver.New(cacheserver.Config{ListenAddrs: []string{"0.0.0.0"}, Port: 11211}) // want `cacheserver.Config.ListenAddrs listens on "0.0.0.0", every interface: this memcached has no authentication \(SASL and AuthFile unset\), so anyone who reaches port 11211 can read and dump every key \(stats cachedump, lru_crawler metadump\); use "127.0.0.1" or a private address, or firewall it and set SASL or AuthFile`
	cacheserver.New(cacheserver.Config{ListenAddrs: []string{"127.0.0.1", "::"}})      // want `listens on "::", every interface: this memcached has no authentication \(SASL and AuthFile unset\), so anyone who reaches its port`
	cacheserver.New(cacheserver.Config{ListenAddrs: []string{"", "10.0.0.2"}})         // want `listens on "", every interface`
	cacheserver.New(cacheserver.Config{ListenAddrs: []string{"198.51.100.4:11311"}})   // want `listens on "198.51.100.4:11311", a public address: .* port 11311`
	_ = &cacheserver.Config{ListenAddrs: []string{"0.0.0.0"}, SASL: true}              // want `listens on "0.0.0.0", every interface: only its password guards its port against every host that reaches it; use "127.0.0.1" or a private address, or firewall it$`
	_ = &cacheserver.Config{ListenAddrs: []string{"0.0.0.0"}, AuthFile: users}         // want `listens on "0.0.0.0", every interface: unless SASL or AuthFile is set it has no authentication`

	// Loopback, private addresses, host names, no addresses (loopback by
	// default) and the hardened mode without authentication (Start refuses)
	// are quiet.
	cacheserver.New(cacheserver.Config{ListenAddrs: []string{"127.0.0.1", "::1", "localhost"}})
	cacheserver.New(cacheserver.Config{ListenAddrs: []string{"10.0.0.2", "192.168.0.7:11211", "fd12::3"}})
	cacheserver.New(cacheserver.Config{ListenAddrs: []string{"cache.internal"}})
	cacheserver.New(cacheserver.Config{Port: 11211})
	cacheserver.New(cacheserver.DefaultConfig())
	cacheserver.New(cacheserver.Config{ListenAddrs: []string{"0.0.0.0"}, Hardened: true})
	cacheserver.New(cacheserver.Config{ListenAddrs: hosts})

	everywhere := []string{"0.0.0.0"}
	cfg := cacheserver.DefaultConfig()
	cfg.ListenAddrs = everywhere                             // want `listens on "0.0.0.0", every interface: unless SASL or AuthFile is set it has no authentication`
	cfg.ListenAddrs = append(cfg.ListenAddrs, "203.0.113.9") // want `listens on "203.0.113.9", a public address`
	cfg.ListenAddrs = append(cfg.ListenAddrs, "172.16.5.5")
	cfg.ListenAddrs = []string{"127.0.0.1"}
	p := &cfg
	p.ListenAddrs = []string{"::"} // want `listens on "::", every interface`

	// Hardened without authentication: Start refuses, quiet.
	hardened := cacheserver.DefaultConfig()
	hardened.Hardened = true
	hardened.ListenAddrs = []string{"0.0.0.0"}

	withSASL := cacheserver.DefaultConfig()
	withSASL.Hardened = true
	withSASL.SASL = true
	withSASL.ListenAddrs = []string{"0.0.0.0"} // want `listens on "0.0.0.0", every interface: only its password guards its port`

	lit := &cacheserver.Config{Hardened: true}
	lit.ListenAddrs = []string{"::"}
	lit2 := cacheserver.Config{AuthFile: map[string]string{"u": "p"}}
	lit2.ListenAddrs = []string{"::"} // want `listens on "::", every interface: only its password guards`
}
