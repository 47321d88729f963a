package main

import (
	"fmt"
	"strings"
)

// option describes one memcached command-line option.
type option struct {
	short   byte   // 0 if long-only
	long    string // "" if short-only
	hasArg  bool
	usage   string
	argName string
}

// options is memcached 1.6.18's option table (the subset this server
// implements or accepts for compatibility).
var options = []option{
	{'p', "port", true, "TCP port to listen on (default: 11211)", "num"},
	{'U', "udp-port", true, "UDP port to listen on (default: 0, off)", "num"},
	{'s', "unix-socket", true, "UNIX socket to listen on (disables network support)", "file"},
	{'a', "unix-mask", true, "access mask for UNIX socket, in octal (default: 700)", "mask"},
	{'l', "listen", true, "interface to listen on (default: 127.0.0.1; memcached's default is all)", "addr"},
	{'d', "daemon", false, "run as a daemon (ignored)", ""},
	{'u', "user", true, "assume identity of <username> (only when run as root)", "user"},
	{'m', "memory-limit", true, "item memory in megabytes (default: 64)", "num"},
	{'c', "conn-limit", true, "max simultaneous connections (default: 1024)", "num"},
	{'M', "disable-evictions", false, "return error on memory exhausted instead of evicting", ""},
	{'C', "disable-cas", false, "disable use of CAS", ""},
	{'t', "threads", true, "number of threads to use (default: 4)", "num"},
	{'I', "max-item-size", true, "adjusts max item size (default: 1m, min: 1k, max: 1024m)", "size"},
	{'B', "protocol", true, "protocol - one of ascii, binary, or auto (default: auto)", "proto"},
	{'S', "enable-sasl", false, "turn on SASL authentication (users from $MEMCACHED_SASL_PWDB)", ""},
	{'Y', "auth-file", true, "(EXPERIMENTAL) enable ASCII protocol authentication. format: user:pass\\n", "file"},
	{'F', "disable-flush-all", false, "disable flush_all command", ""},
	{'X', "disable-dumping", false, "disable stats cachedump and lru_crawler metadump", ""},
	{'W', "disable-watch", false, "disable watch commands (live logging)", ""},
	{'v', "verbose", false, "verbose (print errors/warnings while in event loop); -vv also prints client commands/responses", ""},
	{'o', "extended", true, "comma separated list of extended options: idle_timeout=N, hardened, ...", "opts"},
	{'h', "help", false, "print this help and exit", ""},
	{'V', "version", false, "print version and exit", ""},
	{'P', "pidfile", true, "save PID in <file>, removed at exit", "file"},
	{'R', "max-reqs-per-event", true, "maximum number of requests per event, limits requests processed per connection to prevent starvation (default: 20)", "num"},
	{'b', "listen-backlog", true, "set the backlog queue limit (accepted, ignored)", "num"},
	{'f', "slab-growth-factor", true, "chunk size growth factor (only 1.25 is supported)", "factor"},
	{'n', "slab-min-size", true, "min space used for key+value+flags (only 48 is supported)", "bytes"},
	{'k', "lock-memory", false, "lock down all paged memory (ignored)", ""},
	{'r', "enable-coredumps", false, "maximize core file limit (ignored)", ""},
	{'A', "enable-shutdown", false, "enable ascii \"shutdown\" command (not supported)", ""},
}

// parsedOption is one option occurrence, in command-line order.
type parsedOption struct {
	opt   *option
	value string
}

// parseArgs splits args the way getopt_long does for memcached: short
// options may be clustered ("-vv", "-vp11211"), an argument may be
// attached ("-p11211") or separate ("-p 11211"), long options take
// "--name=value" or "--name value".
func parseArgs(args []string) ([]parsedOption, error) {
	byShort := map[byte]*option{}
	byLong := map[string]*option{}
	for i := range options {
		o := &options[i]
		if o.short != 0 {
			byShort[o.short] = o
		}
		if o.long != "" {
			byLong[o.long] = o
		}
	}
	var out []parsedOption
	for i := 0; i < len(args); i++ {
		a := args[i]
		switch {
		case a == "--":
			if i+1 < len(args) {
				return nil, fmt.Errorf("unexpected argument %q", args[i+1])
			}
			return out, nil
		case strings.HasPrefix(a, "--"):
			name, val, hasVal := strings.Cut(a[2:], "=")
			o := byLong[name]
			if o == nil {
				return nil, fmt.Errorf("unrecognized option '--%s'", name)
			}
			if o.hasArg && !hasVal {
				if i+1 >= len(args) {
					return nil, fmt.Errorf("option '--%s' requires an argument", name)
				}
				i++
				val = args[i]
			} else if !o.hasArg && hasVal {
				return nil, fmt.Errorf("option '--%s' doesn't allow an argument", name)
			}
			out = append(out, parsedOption{o, val})
		case strings.HasPrefix(a, "-") && len(a) > 1:
			for j := 1; j < len(a); j++ {
				o := byShort[a[j]]
				if o == nil {
					return nil, fmt.Errorf("invalid option -- '%c'", a[j])
				}
				if !o.hasArg {
					out = append(out, parsedOption{o, ""})
					continue
				}
				val := a[j+1:]
				if val == "" {
					if i+1 >= len(args) {
						return nil, fmt.Errorf("option requires an argument -- '%c'", a[j])
					}
					i++
					val = args[i]
				}
				out = append(out, parsedOption{o, val})
				break
			}
		default:
			return nil, fmt.Errorf("unexpected argument %q", a)
		}
	}
	return out, nil
}

func usageText() string {
	var b strings.Builder
	fmt.Fprintf(&b, "memcached %s (Go reference server github.com/cachevet/cachevet/cmd/cacheserver)\n", version)
	for _, o := range options {
		name := ""
		if o.short != 0 {
			name = "-" + string(o.short)
			if o.long != "" {
				name += ", "
			}
		} else {
			name = "    "
		}
		if o.long != "" {
			name += "--" + o.long
			if o.hasArg {
				name += "=<" + o.argName + ">"
			}
		} else if o.hasArg {
			name += " <" + o.argName + ">"
		}
		fmt.Fprintf(&b, "%-36s %s\n", name, o.usage)
	}
	return b.String()
}
