package main

import (
	"os"
	"runtime"
)

// setProcs runs Go code on at least as many threads as memcached's -t
// worker threads (4 by default), unless GOMAXPROCS is set. Go's default of
// one per CPU left this server short of CPU on a small machine shared with
// its clients: with 64 memcaslap connections on 2 CPUs, GOMAXPROCS=4 gave
// 5-15% more requests per second than 2 in alternating runs, and memcaslap
// spent about 8% less CPU per request (more responses per wakeup), as it
// does against memcached's four workers.
func setProcs(threads int) {
	if _, set := os.LookupEnv("GOMAXPROCS"); set {
		return
	}
	if threads > runtime.GOMAXPROCS(0) {
		runtime.GOMAXPROCS(threads)
	}
}
