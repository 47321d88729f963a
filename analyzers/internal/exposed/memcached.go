package exposed

import (
	"net"
	"path"
	"slices"
	"strconv"
	"strings"

	"github.com/cachevet/cachevet/analyzers/internal/model"
)

// IsMemcached reports whether a program name runs memcached.
func IsMemcached(prog string) bool {
	base := path.Base(strings.ReplaceAll(prog, `\`, "/"))
	return slices.Contains(model.MemcachedPrograms, base)
}

// Arg is one argument of a memcached command line, whose value may be
// unknown (a variable, an environment reference).
type Arg struct {
	Val   string
	Known bool
}

// Option is an option found on a memcached command line.
type Option struct {
	model.MemcachedOption
	// Value is the value of an option that takes one, and ValueArg the
	// index of the argument that holds it (-1 if the command line ends
	// first: memcached then refuses to start).
	Value    Arg
	ValueArg int
	// Prefix is, for a value attached to its option ("-l0.0.0.0",
	// "--listen=0.0.0.0"), the option part of the argument.
	Prefix string
}

// Command is a parsed memcached command line.
type Command struct {
	Opts []Option
	// Known reports whether every argument is known, so that the absence
	// of an option is certain.
	Known bool
}

// With returns the options of a role, in command-line order.
func (c *Command) With(role model.OptionRole) []Option {
	var out []Option
	for _, o := range c.Opts {
		if o.Role == role {
			out = append(out, o)
		}
	}
	return out
}

// ParseCommand parses memcached's arguments (without the program name).
// complete says that args are all the arguments; otherwise unknown ones
// may precede or follow them.
func ParseCommand(args []Arg, complete bool) Command {
	cmd := Command{Known: complete}
	var pending *Option
	for i, a := range args {
		if pending != nil {
			// An option's value: unknown ("-p", port) leaves the options known.
			pending.Value, pending.ValueArg = a, i
			cmd.Opts = append(cmd.Opts, *pending)
			pending = nil
			continue
		}
		if !a.Known {
			cmd.Known = false // an unknown option could be -l
			continue
		}
		for _, o := range model.MemcachedOptions {
			switch {
			case a.Val == o.Short || a.Val == o.Long:
				if o.Arg {
					pending = &Option{MemcachedOption: o}
				} else {
					cmd.Opts = append(cmd.Opts, Option{MemcachedOption: o, ValueArg: -1})
				}
			case o.Arg && strings.HasPrefix(a.Val, o.Long+"="):
				cmd.Opts = append(cmd.Opts, Option{MemcachedOption: o, Prefix: o.Long + "=", Value: Arg{Val: a.Val[len(o.Long)+1:], Known: true}, ValueArg: i})
			case o.Arg && !strings.HasPrefix(a.Val, "--") && strings.HasPrefix(a.Val, o.Short):
				cmd.Opts = append(cmd.Opts, Option{MemcachedOption: o, Prefix: o.Short, Value: Arg{Val: a.Val[len(o.Short):], Known: true}, ValueArg: i})
			default:
				continue
			}
			break
		}
	}
	if pending != nil {
		pending.ValueArg = -1
		cmd.Opts = append(cmd.Opts, *pending) // memcached refuses to start
	}
	return cmd
}

// Problem is a way in which a memcached command line exposes the server.
type Problem uint8

const (
	NoListen     Problem = iota + 1 // no -l: every interface
	ListenAll                       // a -l host of every interface (0.0.0.0, ::)
	ListenPublic                    // a -l host that is a public address
	UDPOn                           // a non-zero -U where TCP is reachable beyond loopback
)

// Finding is one exposure of a memcached command line.
type Finding struct {
	Problem Problem
	// Arg is the index of the argument the finding is about (the value of
	// -l or -U), or -1 for the whole command (NoListen).
	Arg int
	// Replacement is the argument that removes the problem, when it is
	// mechanical: a -l of loopback with the same port, -U 0. Empty if not.
	Replacement string
	// Message says what is exposed, why it matters and how to fix it;
	// it has the syntax's way of writing arguments.
	Message string
}

// Syntax says how messages write arguments to add.
type Syntax uint8

const (
	GoArgs    Syntax = iota // "-l", "127.0.0.1", for exec.Command
	ShellArgs               // -l 127.0.0.1, for command lines in files
)

// Phrases of the messages, shared with the exposure analyzer's other rules.
const (
	BindLocal = "bind 127.0.0.1 or a private address, or firewall it"
	AddAuth   = " and enable SASL (-S) or -Y auth"
	AmpRisk   = "memcached's UDP protocol answers a spoofed 15-byte request with replies up to thousands of times larger, the amplification behind the largest reflection DDoS attacks on record"
	NoAuth    = "memcached has no authentication by default, so "
)

// DumpRisk says what anyone who reaches a port ("port 11211", "this
// port") of an unauthenticated memcached can do.
func DumpRisk(port string) string {
	return "anyone who reaches " + port + " can read and dump every key (stats cachedump, lru_crawler metadump)"
}

// Judge returns how a memcached command line exposes the server: it
// listens on every interface or a public address, with UDP on where that
// is reachable beyond loopback. Whether -S or -Y authenticates and -X
// refuses dumps is said in the messages, never reported alone. A command
// with -s listens on its unix socket only and one with -V, -h or -i exits
// at once: they expose nothing.
func Judge(cmd Command, syntax Syntax) []Finding {
	if len(cmd.With(model.OptUnixSocket)) > 0 || len(cmd.With(model.OptExit)) > 0 {
		return nil
	}
	auth := len(cmd.With(model.OptAuth)) > 0
	port := "11211"
	for _, o := range cmd.With(model.OptPort) {
		if o.Value.Known {
			port = o.Value.Val
		}
	}
	risk := "memcached has no authentication here (no -S or -Y), so " + DumpRisk("port "+port)
	if len(cmd.With(model.OptNoDumps)) > 0 {
		risk = "memcached has no authentication here (no -S or -Y), so anyone who reaches port " + port + " can read and overwrite every key (-X refuses only the dump commands)"
	}
	orAuth := AddAuth
	if auth {
		risk = "only its -S/-Y credentials guard port " + port + " against every host that reaches it"
		orAuth = ""
	}
	addListen := `"-l", "127.0.0.1"`
	if syntax == ShellArgs {
		addListen = "-l 127.0.0.1"
	}

	var out []Finding
	listens := cmd.With(model.OptListen)
	udpExposed := len(listens) == 0 && cmd.Known
	if len(listens) == 0 && cmd.Known {
		out = append(out, Finding{
			Problem: NoListen,
			Arg:     -1,
			Message: "memcached started without -l listens on every interface: " + risk + "; add " + addListen + " or a private address, or firewall it" + orAuth,
		})
	}
	for _, o := range listens {
		if !o.Value.Known {
			continue
		}
		parts := strings.Split(o.Value.Val, ",")
		for _, part := range parts {
			host, p := SplitHost(part)
			r := Classify(host)
			if r == ReachAll || r == ReachPublic || r == ReachInternal {
				udpExposed = true
			}
			f := Finding{Arg: o.ValueArg}
			var what string
			switch r {
			case ReachAll:
				f.Problem, what = ListenAll, "listens on every interface"
				if len(parts) == 1 {
					text := LoopbackFor(host)
					if p != "" {
						text = net.JoinHostPort(text, p)
					}
					f.Replacement = o.Prefix + text
				}
			case ReachPublic:
				f.Problem, what = ListenPublic, "binds a public address"
			default:
				continue
			}
			f.Message = "memcached -l " + strconv.Quote(part) + " " + what + ": " + risk + "; " + BindLocal + orAuth
			out = append(out, f)
		}
	}
	if !udpExposed {
		return out
	}
	for _, o := range cmd.With(model.OptUDPPort) {
		if !o.Value.Known {
			continue
		}
		if n, err := strconv.ParseUint(o.Value.Val, 10, 16); err != nil || n == 0 {
			continue
		}
		out = append(out, Finding{
			Problem:     UDPOn,
			Arg:         o.ValueArg,
			Replacement: o.Prefix + "0",
			Message:     "memcached -U " + o.Value.Val + " serves UDP beyond loopback: " + AmpRisk + "; use -U 0 (the default since memcached 1.5.6)",
		})
	}
	return out
}
