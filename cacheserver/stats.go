package cacheserver

import (
	"fmt"
	"net"
	"os"
	"sort"
	"strconv"
	"strings"
	"syscall"
	"time"
)

// processStats serves the "stats" family (process_stat).
func (c *conn) processStats(t *tokenLine) {
	if t.ntokens() == 2 {
		c.write(textStatsOf(c.srv.generalStats))
		return
	}
	sub := string(t.tokens[1])
	switch sub {
	case "reset":
		c.srv.resetStats()
		c.outString("RESET")
	case "detail":
		what := ""
		if t.ntokens() >= 4 {
			what = string(t.tokens[2])
		}
		switch what {
		case "on", "off":
			c.srv.detail.enabled.Store(what == "on")
			c.outString("OK")
		case "dump":
			c.write(c.srv.detail.dump())
		default:
			c.outString("CLIENT_ERROR usage: stats detail on|off|dump")
		}
	case "settings":
		c.write(textStatsOf(c.srv.settingsStats))
	case "cachedump":
		if c.srv.cfg.DisableDump {
			c.outString("CLIENT_ERROR stats cachedump not allowed")
			return
		}
		if t.ntokens() < 5 {
			c.outString("CLIENT_ERROR bad command line")
			return
		}
		id, ok1 := parseUint32(t.tokens[2])
		limit, ok2 := parseUint32(t.tokens[3])
		if !ok1 || !ok2 {
			c.outString("CLIENT_ERROR bad command line format")
			return
		}
		if id >= maxSlabClasses {
			c.outString("CLIENT_ERROR Illegal slab id")
			return
		}
		c.write(c.srv.store.cachedump(int(id), int(limit)))
	case "conns":
		c.write(textStatsOf(c.srv.connStats))
	case "items":
		c.write(textStatsOf(c.srv.store.itemStats))
	case "slabs":
		c.write(textStatsOf(c.srv.store.slabStats))
	case "sizes":
		c.write([]byte("STAT sizes_status disabled\r\nEND\r\n"))
	default:
		c.outString("ERROR")
	}
}

func (s *Server) resetStats() {
	for _, v := range []interface{ Store(uint64) }{
		&s.stats.flushCmds, &s.stats.authCmds, &s.stats.authErrors, &s.stats.rejectedConns,
		&s.stats.idleKicks,
	} {
		v.Store(0)
	}
	s.resetRequestCounters()
	s.store.resetStats()
	s.detail.clear()
}

func rusage() (user, sys string) {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return "0.000000", "0.000000"
	}
	f := func(tv syscall.Timeval) string { return fmt.Sprintf("%d.%06d", tv.Sec, tv.Usec) }
	return f(ru.Utime), f(ru.Stime)
}

// generalStats renders "stats" in memcached 1.6.18's field order.
func (s *Server) generalStats(w statsSink) {
	st := s.store
	now := s.now()
	s.mu.Lock()
	curr := len(s.conns) + len(s.listeners) - 1
	structures := len(s.fdsSeen)
	req := s.requestTotals()
	s.mu.Unlock()
	sc := st.snapshotCounters()
	user, sys := rusage()
	w.add("pid", os.Getpid())
	w.add("uptime", int64(now.Sub(s.started)/time.Second))
	w.add("time", now.Unix())
	w.add("version", Version)
	w.add("libevent", "2.1.12-stable")
	w.add("pointer_size", strconv.IntSize)
	w.add("rusage_user", user)
	w.add("rusage_system", sys)
	w.add("max_connections", s.cfg.MaxConns)
	w.add("curr_connections", curr)
	w.add("total_connections", s.stats.totalConns.Load())
	w.add("rejected_connections", s.stats.rejectedConns.Load())
	w.add("connection_structures", structures)
	respOOM, readBufOOM := s.connMem.totals()
	w.add("response_obj_oom", respOOM)
	w.add("response_obj_count", 1)
	w.add("response_obj_bytes", 32768)
	w.add("read_buf_count", 4)
	w.add("read_buf_bytes", 65536)
	w.add("read_buf_bytes_free", 16384)
	w.add("read_buf_oom", readBufOOM)
	w.add("reserved_fds", reservedFDs-3)
	w.add("cmd_get", req.getCmds)
	w.add("cmd_set", sc.cmdSet)
	w.add("cmd_flush", s.stats.flushCmds.Load())
	w.add("cmd_touch", req.touchCmds)
	w.add("cmd_meta", req.metaCmds)
	w.add("get_hits", sc.getHits)
	w.add("get_misses", sc.getMisses)
	w.add("get_expired", sc.getExpired)
	w.add("get_flushed", sc.getFlushed)
	w.add("delete_misses", sc.deleteMisses)
	w.add("delete_hits", sc.deleteHits)
	w.add("incr_misses", sc.incrMisses)
	w.add("incr_hits", sc.incrHits)
	w.add("decr_misses", sc.decrMisses)
	w.add("decr_hits", sc.decrHits)
	w.add("cas_misses", sc.casMisses)
	w.add("cas_hits", sc.casHits)
	w.add("cas_badval", sc.casBadval)
	w.add("touch_hits", sc.touchHits)
	w.add("touch_misses", sc.touchMisses)
	w.add("store_too_large", sc.storeTooLarge)
	w.add("store_no_memory", sc.storeNoMemory)
	w.add("auth_cmds", s.stats.authCmds.Load())
	w.add("auth_errors", s.stats.authErrors.Load())
	if s.cfg.IdleTimeout > 0 {
		w.add("idle_kicks", s.stats.idleKicks.Load())
	}
	w.add("bytes_read", req.bytesRead)
	w.add("bytes_written", req.bytesWritten)
	w.add("limit_maxbytes", st.maxBytes())
	w.add("accepting_conns", 1)
	w.add("listen_disabled_num", 0)
	w.add("time_in_listen_disabled_us", 0)
	w.add("threads", s.cfg.Threads)
	w.add("conn_yields", req.connYields)
	w.add("hash_power_level", 16)
	w.add("hash_bytes", 524288)
	w.add("hash_is_expanding", 0)
	// -o no_modern turns off slab reassignment, the crawler and the
	// maintainer, and memcached leaves out their counters.
	if !s.cfg.NoModern {
		for _, name := range []string{"slab_reassign_rescues", "slab_reassign_chunk_rescues",
			"slab_reassign_evictions_nomem", "slab_reassign_inline_reclaim", "slab_reassign_busy_items",
			"slab_reassign_busy_deletes", "slab_reassign_running", "slabs_moved", "lru_crawler_running"} {
			w.add(name, 0)
		}
		w.add("lru_crawler_starts", 2)
		w.add("lru_maintainer_juggles", 0)
	}
	w.add("malloc_fails", 0)
	w.add("log_worker_dropped", 0)
	w.add("log_worker_written", 0)
	w.add("log_watcher_skipped", s.watch.skippedCount())
	w.add("log_watcher_sent", s.watch.sentCount())
	w.add("log_watchers", s.watch.count())
	w.add("unexpected_napi_ids", 0)
	w.add("round_robin_fallback", 0)
	w.add("bytes", sc.bytes)
	w.add("curr_items", sc.currItems)
	w.add("total_items", sc.totalItems)
	w.add("slab_global_page_pool", 0)
	w.add("expired_unfetched", sc.expiredUnfetched)
	w.add("evicted_unfetched", sc.evictedUnfetched)
	w.add("evicted_active", 0)
	w.add("evictions", sc.evictions)
	w.add("reclaimed", sc.reclaimed)
	w.add("crawler_reclaimed", 0)
	w.add("crawler_items_checked", 0)
	w.add("lrutail_reflocked", 0)
	w.add("moves_to_cold", sc.movesToCold)
	w.add("moves_to_warm", 0)
	w.add("moves_within_lru", 0)
	w.add("direct_reclaims", 0)
	w.add("lru_bumps_dropped", 0)
}

func onOff(b bool, on, off string) string {
	if b {
		return on
	}
	return off
}

// settingsStats renders "stats settings".
func (s *Server) settingsStats(w statsSink) {
	cfg := &s.cfg
	tcpPort := cfg.Port
	for _, a := range s.Addrs() {
		if ta, ok := a.(*net.TCPAddr); ok {
			tcpPort = ta.Port
			break
		}
	}
	inter := "NULL"
	if len(cfg.ListenAddrs) > 0 && cfg.UnixSocket == "" {
		inter = strings.Join(cfg.ListenAddrs, ",")
	}
	domain := "NULL"
	if cfg.UnixSocket != "" {
		domain = cfg.UnixSocket
	}
	w.add("maxbytes", s.store.maxBytes())
	w.add("maxconns", cfg.MaxConns)
	w.add("tcpport", tcpPort)
	w.add("udpport", cfg.UDPPort)
	w.add("inter", inter)
	w.add("verbosity", s.verbosity.Load())
	w.add("oldest", 0)
	w.add("evictions", onOff(!cfg.DisableEvict, "on", "off"))
	w.add("domain_socket", domain)
	w.add("umask", fmt.Sprintf("%o", cfg.UnixMask))
	w.add("shutdown_command", "no")
	w.add("growth_factor", "1.25")
	w.add("chunk_size", minChunkData)
	w.add("num_threads", cfg.Threads)
	w.add("num_threads_per_udp", cfg.Threads)
	w.add("stat_key_prefix", ":")
	w.add("detail_enabled", onOff(s.detail.enabled.Load(), "yes", "no"))
	w.add("reqs_per_event", cfg.ReqsPerEvent)
	w.add("cas_enabled", onOff(!cfg.DisableCAS, "yes", "no"))
	w.add("tcp_backlog", 1024)
	w.add("binding_protocol", s.listenProtocol())
	w.add("auth_enabled_sasl", onOff(cfg.SASL, "yes", "no"))
	w.add("auth_enabled_ascii", onOff(cfg.authFileEnabled(), "yes", "no"))
	w.add("item_size_max", cfg.ItemSizeMax)
	w.add("maxconns_fast", onOff(!cfg.NoModern, "yes", "no"))
	w.add("hashpower_init", 0)
	w.add("slab_reassign", onOff(!cfg.NoModern, "yes", "no"))
	w.add("slab_automove", onOff(!cfg.NoModern, "1", "0"))
	w.add("slab_automove_ratio", "0.80")
	w.add("slab_automove_window", 30)
	w.add("slab_chunk_max", s.store.slabs.chunkMax)
	w.add("lru_crawler", onOff(!cfg.NoModern, "yes", "no"))
	w.add("lru_crawler_sleep", 100)
	w.add("lru_crawler_tocrawl", 0)
	w.add("tail_repair_time", 0)
	w.add("flush_enabled", onOff(!cfg.DisableFlush, "yes", "no"))
	w.add("dump_enabled", onOff(!cfg.DisableDump, "yes", "no"))
	w.add("hash_algorithm", onOff(!cfg.NoModern, "murmur3", "jenkins"))
	w.add("lru_maintainer_thread", onOff(!cfg.NoModern, "yes", "no"))
	w.add("lru_segmented", onOff(!cfg.NoModern, "yes", "no"))
	w.add("hot_lru_pct", 20)
	w.add("warm_lru_pct", 40)
	w.add("hot_max_factor", "0.20")
	w.add("warm_max_factor", "2.00")
	w.add("temp_lru", "no")
	w.add("temporary_ttl", 61)
	w.add("idle_timeout", int(cfg.IdleTimeout/time.Second))
	w.add("watcher_logbuf_size", 262144)
	w.add("worker_logbuf_size", 65536)
	w.add("read_buf_mem_limit", cfg.ReadBufMemLimit)
	w.add("track_sizes", "no")
	w.add("inline_ascii_response", "no")
	w.add("ext_item_size", 512)
	w.add("ext_item_age", 4294967295)
	w.add("ext_low_ttl", 0)
	w.add("ext_recache_rate", 2000)
	w.add("ext_wbuf_size", 4194304)
	w.add("ext_compact_under", 0)
	w.add("ext_drop_under", 0)
	w.add("ext_max_sleep", 1000000)
	w.add("ext_max_frag", "0.80")
	w.add("slab_automove_freeratio", "0.010")
	w.add("ext_drop_unread", "no")
	w.add("ssl_enabled", "no")
	w.add("ssl_chain_cert", "(null)")
	w.add("ssl_key", "(null)")
	w.add("ssl_verify_mode", 0)
	w.add("ssl_keyformat", 1)
	w.add("ssl_ciphers", "NULL")
	w.add("ssl_ca_cert", "NULL")
	w.add("ssl_wbuf_size", 16384)
	w.add("ssl_session_cache", "no")
	w.add("ssl_kernel_tls", "no")
	w.add("ssl_min_version", "tlsv1.2")
	w.add("num_napi_ids", "(null)")
	w.add("memory_file", "(null)")
}

// connStats renders "stats conns": listeners and clients by fd.
func (s *Server) connStats(w statsSink) {
	type row struct {
		fd    int
		lines [][2]string
	}
	now := s.now()
	var rows []row
	s.mu.Lock()
	for _, l := range s.listeners {
		rows = append(rows, row{l.fd, [][2]string{{"addr", l.addr}, {"state", "conn_listening"},
			{"secs_since_last_cmd", strconv.FormatInt(int64(now.Sub(s.started)/time.Second), 10)}}})
	}
	for c := range s.conns {
		addr := "tcp:" + c.nc.RemoteAddr().String()
		if c.nc.RemoteAddr().Network() == "unix" {
			addr = "?:<AF 0>" // memcached cannot name an unnamed unix peer
		}
		last := time.Unix(0, c.lastCmd.Load())
		rows = append(rows, row{c.fd, [][2]string{{"addr", addr}, {"listen_addr", c.listenAddr},
			{"state", "conn_parse_cmd"},
			{"secs_since_last_cmd", strconv.FormatInt(int64(now.Sub(last)/time.Second), 10)}}})
	}
	s.mu.Unlock()
	sort.Slice(rows, func(i, j int) bool { return rows[i].fd < rows[j].fd })
	for _, r := range rows {
		for _, kv := range r.lines {
			w.add(strconv.Itoa(r.fd)+":"+kv[0], kv[1])
		}
	}
}
