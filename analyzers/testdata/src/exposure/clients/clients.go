package clients

import (
	bmc "github.com/bradfitz/gomemcache/memcache"
	gmc "github.com/grafana/gomemcache/memcache"
)

const prod = "203.0.113.20:11211"

func clients(servers []string) {
	bmc.New("203.0.113.10:11211")   // want `memcache.New connects to "203.0.113.10:11211", a public address: a memcached reached over the internet is exposed to anyone, since memcached has no authentication by default and 1.6 binds every interface; keep the cache on loopback or a private network \(VPC, VPN\), firewall port 11211 to the application hosts, and enable SASL \(-S\) or -Y auth`
	bmc.New("10.0.0.1:11211", prod) // want `memcache.New connects to "203.0.113.20:11211", a public address`
	gmc.New("[2001:db8::7]:11211")  // want `memcache.New connects to "\[2001:db8::7\]:11211", a public address`
	list := []string{"192.168.0.2:11211", "8.8.4.4:11311"}
	bmc.New(list...) // want `memcache.New connects to "8.8.4.4:11311", a public address: .* firewall port 11311`

	var ss bmc.ServerList
	ss.SetServers("198.51.100.1:11211") // want `\(\*memcache.ServerList\).SetServers connects to "198.51.100.1:11211", a public address`
	bmc.NewFromSelector(&ss)
	gs := new(gmc.ServerList)
	gs.SetServers("203.0.113.30:11211") // want `SetServers connects to "203.0.113.30:11211"`
	gmc.NewFromSelector(gs)

	// Loopback, private ranges, host names and unix sockets are quiet.
	bmc.New("127.0.0.1:11211", "[::1]:11211", "localhost:11211")
	bmc.New("10.0.0.1:11211", "172.31.255.1:11211", "192.168.1.1:11211")
	bmc.New("100.100.1.1:11211", "169.254.1.1:11211", "[fd00::5]:11211", "[fe80::1%eth0]:11211")
	bmc.New("memcached.prod.example.com:11211", "cache:11211")
	bmc.New("/var/run/memcached.sock")
	bmc.New(servers...)
	ss.SetServers("10.0.0.1:11211")
	gs.SetServers("cache-0.cache:11211")
}
