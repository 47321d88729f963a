package cacheserver

// countedVerbs are the text-protocol verbs CommandCounts reports.
var countedVerbs = [...]string{
	"get", "bget", "gets", "gat", "gats", "set", "add", "replace", "append", "prepend", "cas",
	"incr", "decr", "delete", "touch", "stats", "flush_all", "version", "quit", "verbosity",
	"lru_crawler", "watch", "shutdown", "cache_memlimit", "slabs", "lru", "debugtime",
	"mg", "ms", "md", "ma", "mn", "me",
}

// verbIDs indexes countedVerbs.
var verbIDs = func() map[string]int {
	m := make(map[string]int, len(countedVerbs))
	for i, v := range countedVerbs {
		m[v] = i
	}
	return m
}()

// verbCounts are one connection's commands per verb.
type verbCounts [len(countedVerbs)]uint64

// CommandCounts returns how many text-protocol commands of each verb the
// server has read since it started (verbs never seen are left out),
// whether they succeeded or not and including commands a fault hook
// answered. "stats reset" does not clear them.
func (s *Server) CommandCounts() map[string]uint64 {
	s.mu.Lock()
	total := s.closedVerbs
	for c := range s.conns {
		for i := range c.counters.verbs {
			total[i] += c.counters.verbs[i].Load()
		}
	}
	s.mu.Unlock()
	out := make(map[string]uint64)
	for i, n := range total {
		if n > 0 {
			out[countedVerbs[i]] = n
		}
	}
	return out
}
