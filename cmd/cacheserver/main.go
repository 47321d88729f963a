// Command cacheserver is a drop-in for memcached 1.6.18's command line,
// backed by the github.com/cachevet/cachevet/cacheserver reference server.
//
//	cacheserver -p 11211 -vv
//	cacheserver -l 127.0.0.1,::1 -m 128 -c 4096 -o idle_timeout=30,hardened
//
// Unlike memcached it listens on 127.0.0.1 unless -l says otherwise.
package main

import (
	"fmt"
	"io"
	"math"
	"os"
	"os/signal"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/cachevet/cachevet/cacheserver"
)

const version = cacheserver.Version

// Exit codes from sysexits.h, as memcached uses them.
const (
	exitOK      = 0
	exitFailure = 1
	exitUsage   = 64
	exitOSErr   = 71
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

// startupError is a fatal start-up problem with memcached's exit code.
type startupError struct {
	code int
	msg  string
}

func (e *startupError) Error() string { return e.msg }

func usageErr(format string, args ...any) *startupError {
	return &startupError{exitUsage, fmt.Sprintf(format, args...)}
}

func run(args []string, stdout, stderr io.Writer) int {
	cfg, action, err := buildConfig(args, stderr)
	pidFile := pidFileFlag(args)
	if err != nil {
		fmt.Fprintln(stderr, err)
		if se, ok := err.(*startupError); ok {
			return se.code
		}
		return exitUsage
	}
	switch action {
	case "help":
		fmt.Fprint(stdout, usageText())
		return exitOK
	case "version":
		fmt.Fprintf(stdout, "memcached %s\n", version)
		return exitOK
	}
	id, err := lookupIdentity(cfg.User)
	if err != nil {
		fmt.Fprintln(stderr, err)
		return err.(*startupError).code
	}
	srv, err := cacheserver.New(cfg)
	if err != nil {
		fmt.Fprintln(stderr, err)
		return exitUsage
	}
	if cfg.UDPPort != 0 {
		fmt.Fprintf(stderr, "WARNING: UDP is not supported by this server; -U %d ignored\n", cfg.UDPPort)
	}
	if cfg.Verbosity >= 2 {
		srv.WriteSlabClasses(stderr)
	}
	setProcs(cfg.Threads)
	trackLiveHeap(srv.MaxBytes)
	if err := srv.Start(); err != nil {
		fmt.Fprintln(stderr, err)
		return exitOSErr
	}
	if pidFile != "" {
		if err := os.WriteFile(pidFile, []byte(fmt.Sprintf("%d\n", os.Getpid())), 0o644); err != nil {
			fmt.Fprintf(stderr, "Could not open the pid file %s for writing: %v\n", pidFile, err)
		}
		defer os.Remove(pidFile)
	}
	// Unlike memcached, which drops root before binding, the sockets are
	// bound first, so that a port below 1024 works with -u.
	if id != nil {
		if err := id.assume(); err != nil {
			fmt.Fprintln(stderr, err)
			srv.Close()
			return err.(*startupError).code
		}
	}
	sig := make(chan os.Signal, 1)
	signal.Notify(sig, syscall.SIGINT, syscall.SIGTERM)
	s := <-sig
	if cfg.Verbosity > 0 {
		fmt.Fprintf(stderr, "Signal handled: %s.\n", s)
	}
	srv.Close()
	return exitOK
}

// buildConfig turns memcached flags into a server Config. action is
// "help" or "version" when the server should not start.
func buildConfig(args []string, stderr io.Writer) (cfg cacheserver.Config, action string, err error) {
	cfg = cacheserver.DefaultConfig()
	cfg.Log = stderr
	opts, err := parseArgs(args)
	if err != nil {
		return cfg, "", usageErr("%v\nTry `cacheserver -h' for more information.", err)
	}
	var protocolSpecified, listenSpecified bool
	var authFile string
	for _, po := range opts {
		v := po.value
		switch po.opt.short {
		case 'p':
			if cfg.Port, err = atoiFlag(v, "-p"); err != nil {
				return cfg, "", err
			}
		case 'U':
			if cfg.UDPPort, err = atoiFlag(v, "-U"); err != nil {
				return cfg, "", err
			}
		case 's':
			cfg.UnixSocket = v
		case 'a':
			m, perr := strconv.ParseUint(v, 8, 32)
			if perr != nil {
				return cfg, "", usageErr("Invalid value for -a: %q", v)
			}
			cfg.UnixMask = os.FileMode(m)
		case 'l':
			if !listenSpecified {
				cfg.ListenAddrs = nil
				listenSpecified = true
			}
			for _, a := range strings.Split(v, ",") {
				if a != "" {
					cfg.ListenAddrs = append(cfg.ListenAddrs, a)
				}
			}
		case 'u':
			cfg.User = v
		case 'm':
			mb, perr := parseSize(v, 1<<20)
			if perr != nil || mb <= 0 {
				return cfg, "", usageErr("Invalid value for -m: %q", v)
			}
			cfg.MaxBytes = mb
		case 'c':
			if cfg.MaxConns, err = atoiFlag(v, "-c"); err != nil {
				return cfg, "", err
			}
			if cfg.MaxConns <= 0 {
				return cfg, "", usageErr("Maximum connections must be greater than 0")
			}
		case 'M':
			cfg.DisableEvict = true
		case 'C':
			cfg.DisableCAS = true
		case 't':
			if cfg.Threads, err = atoiFlag(v, "-t"); err != nil {
				return cfg, "", err
			}
			if cfg.Threads <= 0 {
				return cfg, "", usageErr("Number of threads must be greater than 0")
			}
		case 'I':
			n, perr := parseSize(v, 1)
			if perr != nil {
				return cfg, "", usageErr("Invalid value for -I: %q", v)
			}
			cfg.ItemSizeMax = int(n)
		case 'B':
			protocolSpecified = true
			switch v {
			case "auto":
				cfg.Protocol = cacheserver.ProtocolAuto
			case "binary":
				cfg.Protocol = cacheserver.ProtocolBinary
			case "ascii":
				cfg.Protocol = cacheserver.ProtocolASCII
			default:
				return cfg, "", usageErr("Invalid value for binding protocol: %s\n -- should be one of auto, binary, or ascii", v)
			}
		case 'S':
			cfg.SASL = true
		case 'Y':
			authFile = v
		case 'F':
			cfg.DisableFlush = true
		case 'X':
			cfg.DisableDump = true
		case 'W':
			cfg.DisableWatch = true
		case 'v':
			cfg.Verbosity++
		case 'o':
			if err := applyExtendedOptions(&cfg, v, stderr); err != nil {
				return cfg, "", err
			}
		case 'h':
			return cfg, "help", nil
		case 'V':
			return cfg, "version", nil
		case 'f':
			if f, perr := strconv.ParseFloat(v, 64); perr != nil || f <= 1.0 {
				return cfg, "", usageErr("Factor must be greater than 1")
			} else if f != 1.25 {
				fmt.Fprintf(stderr, "WARNING: growth factor %s is not supported, using 1.25\n", v)
			}
		case 'R':
			if cfg.ReqsPerEvent, err = atoiFlag(v, "-R"); err != nil {
				return cfg, "", err
			}
			if cfg.ReqsPerEvent == 0 {
				return cfg, "", &startupError{exitFailure, "Number of requests per event must be greater than 0"}
			}
		case 'n':
			if v != "48" {
				fmt.Fprintf(stderr, "WARNING: slab minimum size %s is not supported, using 48\n", v)
			}
		}
	}
	if v, ok := os.LookupEnv("T_MEMD_INITIAL_MALLOC"); ok {
		// memcached's slabs_init ignores a value safe_strtoll rejects.
		if n, perr := strconv.ParseInt(strings.TrimSpace(v), 10, 64); perr == nil {
			cfg.InitialMalloc = n
		}
	}
	if cfg.SASL {
		if !protocolSpecified {
			cfg.Protocol = cacheserver.ProtocolBinary
		} else if cfg.Protocol != cacheserver.ProtocolBinary {
			return cfg, "", usageErr("ERROR: You cannot allow the ASCII protocol while using SASL.")
		}
		if cfg.UDPPort != 0 {
			return cfg, "", usageErr("ERROR: Cannot enable UDP while using binary SASL authentication.")
		}
		if cfg.SASLUsers, err = cacheserver.LoadSASLUsers(); err != nil {
			return cfg, "", &startupError{exitFailure, fmt.Sprintf("Failed to initialize SASL: %v", err)}
		}
	}
	if authFile != "" {
		if !protocolSpecified {
			cfg.Protocol = cacheserver.ProtocolASCII
		} else if cfg.Protocol != cacheserver.ProtocolASCII {
			return cfg, "", usageErr("ERROR: You cannot allow the BINARY protocol while using ascii authentication tokens.")
		}
		if cfg.AuthFile, err = cacheserver.LoadAuthFile(authFile); err != nil {
			return cfg, "", &startupError{exitFailure, err.Error()}
		}
	}
	if cfg.ItemSizeMax < 1024 {
		return cfg, "", usageErr("Item max size cannot be less than 1024 bytes.")
	}
	if int64(cfg.ItemSizeMax) > cfg.MaxBytes/2 {
		return cfg, "", usageErr("Cannot set item size limit higher than 1/2 of memory max.")
	}
	if cfg.ItemSizeMax > 1<<30 {
		return cfg, "", usageErr("Cannot set item size limit higher than a gigabyte.")
	}
	if cfg.User == "" && os.Geteuid() == 0 {
		return cfg, "", usageErr("can't run as root without the -u switch")
	}
	return cfg, "", nil
}

func atoiFlag(v, name string) (int, error) {
	n, err := strconv.Atoi(v)
	if err != nil {
		return 0, usageErr("Invalid value for %s: %q", name, v)
	}
	return n, nil
}

// parseSize parses memcached sizes: a number with an optional k, m or g
// suffix; without a suffix the number is multiplied by unit.
func parseSize(v string, unit int64) (int64, error) {
	mult := unit
	if n := len(v); n > 0 {
		switch v[n-1] {
		case 'k', 'K':
			mult, v = 1<<10, v[:n-1]
		case 'm', 'M':
			mult, v = 1<<20, v[:n-1]
		case 'g', 'G':
			mult, v = 1<<30, v[:n-1]
		}
	}
	n, err := strconv.ParseInt(v, 10, 64)
	if err != nil || n < 0 {
		return 0, fmt.Errorf("invalid size %q", v)
	}
	return n * mult, nil
}

// knownExtendedOptions are memcached -o suboptions accepted without effect.
var knownExtendedOptions = map[string]bool{
	"maxconns_fast": true, "no_maxconns_fast": true, "hashpower": true, "tail_repair_time": true,
	"hash_algorithm": true, "lru_crawler": true, "no_lru_crawler": true, "lru_crawler_sleep": true,
	"lru_crawler_tocrawl": true, "lru_maintainer": true, "no_lru_maintainer": true,
	"hot_lru_pct": true, "warm_lru_pct": true, "hot_max_factor": true, "warm_max_factor": true,
	"temporary_ttl": true, "watcher_logbuf_size": true, "worker_logbuf_size": true,
	"slab_reassign": true, "no_slab_reassign": true, "slab_automove": true, "slab_automove_ratio": true,
	"slab_automove_window": true, "slab_chunk_max": true, "slab_sizes": true, "track_sizes": true,
	"no_inline_ascii_resp": true, "resp_obj_mem_limit": true, "no_hashexpand": true, "drop_privileges": true,
	"no_drop_privileges": true, "meta_response_old": true, "ssl_chain_cert": true,
}

// applyExtendedOptions handles "-o a=b,c": idle_timeout and hardened are
// implemented; other memcached options are accepted, unknown ones warned about.
func applyExtendedOptions(cfg *cacheserver.Config, list string, stderr io.Writer) error {
	for _, sub := range strings.Split(list, ",") {
		if sub == "" {
			continue
		}
		name, val, hasVal := strings.Cut(sub, "=")
		switch name {
		case "idle_timeout":
			n, err := strconv.Atoi(val)
			if err != nil || n < 0 {
				return usageErr("idle_timeout must be a positive number of seconds")
			}
			cfg.IdleTimeout = time.Duration(n) * time.Second
		case "hardened":
			cfg.Hardened = true
		case "read_buf_mem_limit":
			// memcached's messages and exit status; megabytes that
			// overflow its unsigned int of bytes are refused, not wrapped.
			if !hasVal {
				return &startupError{exitFailure, "Missing read_buf_mem_limit argument"}
			}
			n, err := strconv.ParseUint(val, 10, 32)
			if err != nil || n > math.MaxUint32>>20 {
				return &startupError{exitFailure, "could not parse argument to read_buf_mem_limit"}
			}
			cfg.ReadBufMemLimit = int64(n) << 20
		case "no_modern":
			cfg.NoModern = true
		case "debugtime":
			// cacheserver's own: memcached-debug's debugtime command.
			cfg.DebugTime = true
		case "modern":
			cfg.NoModern = false
		default:
			if !knownExtendedOptions[name] {
				fmt.Fprintf(stderr, "WARNING: ignoring unknown extended option \"%s\"\n", sub)
			}
		}
	}
	return nil
}

// pidFileFlag returns the -P/--pidfile argument, if any.
func pidFileFlag(args []string) string {
	opts, err := parseArgs(args)
	if err != nil {
		return ""
	}
	path := ""
	for _, o := range opts {
		if o.opt.short == 'P' {
			path = o.value
		}
	}
	return path
}
