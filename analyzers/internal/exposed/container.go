package exposed

import (
	"path"
	"slices"
	"strconv"
	"strings"

	"github.com/cachevet/cachevet/analyzers/internal/model"
)

// IsContainerRuntime reports whether a program name runs a container
// runtime whose command line is docker's (model.ContainerRuntimes).
func IsContainerRuntime(prog string) bool {
	return slices.Contains(model.ContainerRuntimes, path.Base(strings.ReplaceAll(prog, `\`, "/")))
}

// RunOpt is an option found on a container run command line.
type RunOpt struct {
	model.RunOption
	Arg      int // index of the argument that holds the option
	Value    Arg // its value, for an option that takes one
	ValueArg int // index of the argument that holds the value; -1 if missing
	Prefix   string
}

// ContainerRun is a parsed container run command line.
type ContainerRun struct {
	Opts []RunOpt
	// Image is the image to run and ImageArg its index, -1 when an unknown
	// argument hides it.
	Image    Arg
	ImageArg int
	// Command is what follows the image: the container's command or, for
	// memcached's image, memcached's arguments. Complete says that it is
	// all of it.
	Command  []Arg
	Complete bool
}

// With returns the options of a role, in command-line order.
func (c *ContainerRun) With(role model.RunRole) []RunOpt {
	var out []RunOpt
	for _, o := range c.Opts {
		if o.Role == role {
			out = append(out, o)
		}
	}
	return out
}

// runOption returns the model of an option ("-p", "--publish"); one it
// does not list takes a value and changes nothing of exposure.
func runOption(name string) model.RunOption {
	for _, o := range model.RunOptions {
		if name == o.Short || name == o.Long {
			return o
		}
	}
	return model.RunOption{Long: name, Arg: true}
}

// runOptions parses the options of args from index i up to the first
// argument that is none, whose index it returns. ok is false when an
// unknown argument comes first: it may be an option that takes the next.
// Short options may be combined ("-dp", "11211:11211"; "-itP"), and a
// value may be attached ("-p11211:11211", "-p=...", "--publish=...").
func runOptions(args []Arg, i int) (opts []RunOpt, next int, ok bool) {
	add := func(o model.RunOption, at int, prefix string, value Arg, valueArg int) {
		opts = append(opts, RunOpt{RunOption: o, Arg: at, Value: value, ValueArg: valueArg, Prefix: prefix})
	}
	// valueAt returns the value of an option whose value is the next argument.
	valueAt := func(j int) (Arg, int) {
		if j < len(args) {
			return args[j], j
		}
		return Arg{}, -1
	}
	for i < len(args) {
		a := args[i]
		if !a.Known {
			return opts, i, false
		}
		v := a.Val
		switch {
		case v == "--":
			return opts, i + 1, true
		case strings.HasPrefix(v, "--"):
			name, val, attached := strings.Cut(v, "=")
			o := runOption(name)
			switch {
			case attached:
				add(o, i, name+"=", Arg{Val: val, Known: true}, i)
				i++
			case o.Arg:
				value, at := valueAt(i + 1)
				add(o, i, "", value, at)
				i += 2
			default:
				add(o, i, "", Arg{}, -1)
				i++
			}
		case strings.HasPrefix(v, "-") && len(v) > 1:
			at := i
			i++
			for j := 1; j < len(v); j++ {
				o := runOption("-" + v[j:j+1])
				if !o.Arg {
					add(o, at, "", Arg{}, -1)
					continue
				}
				prefix, rest := v[:j+1], v[j+1:]
				if strings.HasPrefix(rest, "=") {
					prefix, rest = prefix+"=", rest[1:]
				}
				if rest != "" {
					add(o, at, prefix, Arg{Val: rest, Known: true}, at)
				} else {
					value, vat := valueAt(i)
					add(o, at, "", value, vat)
					i++
				}
				break
			}
		default:
			return opts, i, true
		}
	}
	return opts, i, true
}

// ParseContainerRun parses a container runtime's arguments (without the
// program name). ok is false if they are not a run command: another
// subcommand, or one an unknown argument hides. complete says that args
// are all the arguments.
func ParseContainerRun(args []Arg, complete bool) (run ContainerRun, ok bool) {
	_, i, ok := runOptions(args, 0) // the runtime's own options (-H, --context)
	if !ok {
		return run, false
	}
	matched := false
	for _, sub := range model.ContainerRunCommands {
		if i+len(sub) <= len(args) && slices.EqualFunc(args[i:i+len(sub)], sub, func(a Arg, s string) bool { return a.Known && a.Val == s }) {
			i += len(sub)
			matched = true
			break
		}
	}
	if !matched {
		return run, false
	}
	run.ImageArg = -1
	run.Opts, i, ok = runOptions(args, i)
	if ok && i < len(args) {
		run.Image, run.ImageArg = args[i], i
		run.Command = args[i+1:]
		run.Complete = complete
	}
	return run, true
}

// ContainerFinding is one exposure of a container run command line.
type ContainerFinding struct {
	Arg         int    // index of the argument it is about
	Replacement string // the argument that removes it, if mechanical
	Message     string
}

// JudgeContainerRun returns how a container run command line exposes a
// cache: a cache port published on every host interface or a public
// address (-p 11211:11211, -p 0.0.0.0:11211:11211), every port of a
// memcached image published so (-P), or memcached in the host's network
// (--network host) listening as its arguments say. runtime names the
// program in messages; isCache says which container ports serve a cache.
func JudgeContainerRun(run ContainerRun, runtime string, isCache func(port int) bool) []ContainerFinding {
	var out []ContainerFinding
	for _, o := range run.With(model.RunPublish) {
		if o.ValueArg < 0 || !o.Value.Known {
			continue
		}
		m := ParsePortMapping(o.Value.Val)
		if !PortIn(m.Container, isCache) {
			continue
		}
		var where string
		reach := Classify(m.HostIP)
		switch reach {
		case ReachAll:
			where = "on every host interface"
		case ReachPublic:
			where = "on a public address"
		default:
			continue
		}
		port := m.Container
		if m.Protocol != "tcp" {
			port += "/" + m.Protocol
		}
		local := publishLocal(m)
		what := runtime + " run publishes cache port " + port + " " + where + " (-p " + strconv.Quote(o.Value.Val) + "): "
		f := ContainerFinding{Arg: o.ValueArg}
		if m.Protocol == "udp" {
			f.Message = what + AmpRisk + "; publish the port over TCP only, on loopback (-p " + strconv.Quote(local) + ")"
		} else {
			f.Message = what + NoAuth + DumpRisk("the host's port") + "; publish it on loopback (-p " + strconv.Quote(local) + ") or reach the cache over a container network"
		}
		if reach == ReachAll {
			f.Replacement = o.Prefix + local
		}
		out = append(out, f)
	}
	memcachedImage := run.ImageArg >= 0 && run.Image.Known && IsMemcachedImage(run.Image.Val)
	if memcachedImage {
		for _, o := range run.With(model.RunPublishAll) {
			out = append(out, ContainerFinding{
				Arg:     o.Arg,
				Message: runtime + " run -P publishes every port of image " + strconv.Quote(run.Image.Val) + ", memcached's 11211 included, on every host interface: " + NoAuth + DumpRisk("the host's port") + "; publish the port on loopback instead (-p \"127.0.0.1:11211:11211\")",
			})
		}
	}
	for _, o := range run.With(model.RunNetwork) {
		if o.ValueArg < 0 || !o.Value.Known || !slices.Contains(model.HostNetworks, o.Value.Val) {
			continue
		}
		args, ok := containerMemcached(run, memcachedImage)
		if !ok {
			continue
		}
		for _, f := range Judge(ParseCommand(args, run.Complete), GoArgs) {
			at, repl := o.ValueArg, ""
			if f.Arg >= 0 {
				at, repl = run.ImageArg+1+f.Arg+(len(run.Command)-len(args)), f.Replacement
			}
			out = append(out, ContainerFinding{Arg: at, Replacement: repl, Message: runtime + " run --network " + o.Value.Val + " shares the host's interfaces: " + f.Message})
		}
	}
	return out
}

// containerMemcached returns memcached's arguments in a container: the
// command of a memcached image (its entrypoint runs memcached with
// arguments that start with "-", and memcached alone without a command),
// or a command that runs memcached.
func containerMemcached(run ContainerRun, memcachedImage bool) ([]Arg, bool) {
	cmd := run.Command
	switch {
	case run.ImageArg < 0:
		return nil, false
	case len(cmd) > 0 && cmd[0].Known && IsMemcached(cmd[0].Val):
		return cmd[1:], true
	case memcachedImage && len(cmd) == 0:
		return nil, run.Complete
	case memcachedImage && cmd[0].Known && strings.HasPrefix(cmd[0].Val, "-"):
		return cmd, true
	}
	return nil, false
}

// publishLocal returns the mapping m published on loopback: the same host
// port, or a port the runtime picks ("127.0.0.1::11211") if m names none.
func publishLocal(m PortMapping) string {
	host := "127.0.0.1"
	if IsIPv6(m.HostIP) {
		host = "[::1]"
	}
	s := host + ":" + m.HostPort + ":" + m.Container
	if m.Protocol != "tcp" {
		s += "/" + m.Protocol
	}
	return s
}
