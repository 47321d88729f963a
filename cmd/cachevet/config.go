package main

import (
	"crypto/sha256"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"log"
	"os"
	"strconv"
	"strings"

	"github.com/cachevet/cachevet/analyzers/config"
	"golang.org/x/tools/go/analysis"
)

const configFileName = config.FileName

// A cmdline is what cachevet needs to know of its command line before the
// flags are parsed for real: the configuration file must be applied to the
// analyzers' options first, so that explicit flags override it.
type cmdline struct {
	config     string   // -config, or ""
	printFlags bool     // -flags (go vet asking for the flags)
	version    bool     // -V=full (go vet asking for the version)
	args       []string // the arguments after the flags
	// options are the analyzers' options set on the command line, in
	// order, for go vet runs that must know them before multichecker
	// parses the flags (see exitEarly).
	options []option
}

// An option is an analyzer option set on the command line.
type option struct {
	flag  *flag.Flag // the analyzer's flag
	value string
}

// valueFlags are the driver's flags (of multichecker and of cachevet) that
// take a value, so that "-c 3" consumes the "3". Every other driver flag
// is a boolean.
var valueFlags = map[string]bool{
	"config": true, "c": true, "debug": true, "cpuprofile": true,
	"memprofile": true, "trace": true, "tags": true,
}

// scanArgs reads the command line the way package flag will: flags end
// at "--" or at the first argument that is not one, and a flag that is
// not a boolean takes the next argument as its value unless written
// -name=value. It never fails: flag.Parse reports bad flags later.
func scanArgs(args []string, analyzers []*analysis.Analyzer) cmdline {
	var cl cmdline
	for i := 0; i < len(args); i++ {
		a := args[i]
		if a == "--" {
			cl.args = args[i+1:]
			return cl
		}
		if len(a) < 2 || a[0] != '-' {
			cl.args = args[i:]
			return cl
		}
		name := a[1:]
		if name[0] == '-' {
			name = name[1:]
		}
		if name == "" || name[0] == '-' || name[0] == '=' {
			cl.args = args[i:] // bad flag syntax: flag.Parse says so
			return cl
		}
		value, hasValue := "", false
		if k, v, ok := strings.Cut(name, "="); ok {
			name, value, hasValue = k, v, true
		}
		if !hasValue && takesValue(name, analyzers) && i+1 < len(args) {
			i++
			value, hasValue = args[i], true
		}
		switch name {
		case "config":
			cl.config = value
		case "flags":
			b, err := strconv.ParseBool(value)
			cl.printFlags = !hasValue || err == nil && b
		case "V":
			cl.version = true
		default:
			if f := analyzerFlag(name, analyzers); f != nil {
				if !hasValue {
					value = "true" // a boolean option
				}
				cl.options = append(cl.options, option{f, value})
			}
		}
	}
	return cl
}

// analyzerFlag returns the analyzer option named name ("keyinjection.sinks").
func analyzerFlag(name string, analyzers []*analysis.Analyzer) *flag.Flag {
	for _, a := range analyzers {
		if opt, ok := strings.CutPrefix(name, a.Name+"."); ok {
			return a.Flags.Lookup(opt)
		}
	}
	return nil
}

// setOptions applies the analyzers' options of the command line now. The
// values are set again when the flags are parsed, to the same effect.
func (cl cmdline) setOptions() error {
	for _, o := range cl.options {
		if err := o.flag.Value.Set(o.value); err != nil {
			return fmt.Errorf("invalid value %q for flag -%s: %v", o.value, o.flag.Name, err)
		}
	}
	return nil
}

// takesValue reports whether flag name consumes the next argument.
func takesValue(name string, analyzers []*analysis.Analyzer) bool {
	if valueFlags[name] {
		return true
	}
	if f := analyzerFlag(name, analyzers); f != nil {
		b, ok := f.Value.(interface{ IsBoolFlag() bool })
		return !ok || !b.IsBoolFlag()
	}
	return false
}

// vetConfig returns the .cfg file go vet passes as the only argument, or "".
func (cl cmdline) vetConfig() string {
	if len(cl.args) == 1 && strings.HasSuffix(cl.args[0], ".cfg") {
		return cl.args[0]
	}
	return ""
}

// needsConfig reports whether this invocation analyzes packages: go vet's
// -flags and -V=full queries, help and the usage message do not, and must
// work even when the configuration file is bad.
func (cl cmdline) needsConfig() bool {
	if cl.printFlags || cl.version || len(cl.args) == 0 || cl.args[0] == "help" {
		return false
	}
	return true
}

// applyConfig finds (or takes from -config), loads and applies the
// configuration file to the analyzers' options. Errors name the file, the
// line and the field.
func applyConfig(cl cmdline, analyzers []*analysis.Analyzer) error {
	path := cl.config
	if path == "" {
		dir, err := configDir(cl)
		if err != nil {
			return err
		}
		path, err = config.Find(dir)
		if err != nil {
			return fmt.Errorf("looking for %s: %v", configFileName, err)
		}
		if path == "" {
			return nil
		}
	}
	c, err := config.Load(path)
	if err != nil {
		return oneLinePerError(path, err)
	}
	if err := c.Apply(analyzers); err != nil {
		return fmt.Errorf("%s: %v", path, err)
	}
	return nil
}

// oneLinePerError rewrites the YAML decoder's list of errors
//
//	FILE: unmarshal errors:
//	  line 2: field sanitiser not found in type config.Config
//
// as one "FILE: line N: ..." line per error, which editors and CI logs
// link to the file.
func oneLinePerError(path string, err error) error {
	list, ok := strings.CutPrefix(err.Error(), path+": unmarshal errors:\n")
	if !ok {
		return err
	}
	var lines []string
	for _, l := range strings.Split(list, "\n") {
		if l = strings.TrimSpace(l); l != "" {
			l = strings.TrimSuffix(l, " in type config.Config")
			lines = append(lines, path+": "+l)
		}
	}
	return errors.New(strings.Join(lines, "\n"+"cachevet: "))
}

// configDir is the directory the configuration file is looked for from:
// the working directory or, under go vet, the directory of the package
// (go vet runs the tool there, and writes it into the .cfg file).
func configDir(cl cmdline) (string, error) {
	if cfg := cl.vetConfig(); cfg != "" {
		data, err := os.ReadFile(cfg)
		if err != nil {
			return "", err
		}
		var vcfg struct{ Dir string }
		if err := json.Unmarshal(data, &vcfg); err != nil {
			return "", fmt.Errorf("%s: %v", cfg, err)
		}
		if vcfg.Dir != "" {
			return vcfg.Dir, nil
		}
	}
	return os.Getwd()
}

// sarifFlag is the value of -sarif: a boolean flag that also takes a file
// name, as in -sarif=report.sarif. "true" and "-" mean stdout.
type sarifFlag struct {
	set  bool
	path string // "" is stdout
}

func (f *sarifFlag) IsBoolFlag() bool { return true }

func (f *sarifFlag) String() string {
	switch {
	case f == nil || !f.set:
		return "false"
	case f.path == "":
		return "true"
	}
	return f.path
}

func (f *sarifFlag) Set(s string) error {
	switch s {
	case "":
		return fmt.Errorf("want true, false, - or a file name")
	case "false":
		f.set, f.path = false, ""
	case "true", "-":
		f.set, f.path = true, ""
	default:
		f.set, f.path = true, s
	}
	return nil
}

// versionFlag implements -V=full, which go vet runs to key its cache of
// vet results. Like multichecker's own, it prints a hash of the
// executable; it adds a hash of the configuration file found from the
// working directory, so that editing .cachevet.yaml invalidates the
// results go vet cached (go vet runs -V=full in its own working directory).
type versionFlag struct{}

func (versionFlag) IsBoolFlag() bool { return true }
func (versionFlag) Get() any         { return nil }
func (versionFlag) String() string   { return "" }

func (versionFlag) Set(s string) error {
	if s != "full" {
		log.Fatalf("unsupported flag value: -V=%s (use -V=full)", s)
	}
	exe, err := os.Executable()
	if err != nil {
		log.Fatal(err)
	}
	f, err := os.Open(exe)
	if err != nil {
		log.Fatal(err)
	}
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		log.Fatal(err)
	}
	f.Close()
	fmt.Fprintf(h, "\nconfig:")
	if wd, err := os.Getwd(); err == nil {
		if path, err := config.Find(wd); err == nil && path != "" {
			data, _ := os.ReadFile(path)
			fmt.Fprintf(h, "%s\n%s", path, data)
		}
	}
	fmt.Printf("%s version devel cachevet buildID=%02x\n", exe, h.Sum(nil))
	os.Exit(0)
	return nil
}

var _ flag.Getter = versionFlag{}
