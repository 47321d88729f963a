// Command cachevet finds unsafe memcached usage in Go code.
//
// Run it on packages directly:
//
//	cachevet ./...
//
// or through go vet:
//
//	go vet -vettool=$(which cachevet) ./...
//
// # Flags
//
//	-json              print findings as JSON on stdout (and exit 0)
//	-fix [-diff]       apply the suggested fixes (or print them as a diff)
//	-sarif[=FILE]      write a SARIF 2.1.0 log to stdout, or to FILE (see below)
//	-config FILE       read the configuration from FILE instead of looking
//	                   for .cachevet.yaml
//	-test=false        do not analyze test files
//	-deploy=false      do not read deployment files (see below)
//	-prune=false       type-check every dependency from source (see below)
//	-debug=v           log what is loaded how, and the time each step took
//	-<analyzer>=false  turn an analyzer off; -<analyzer> runs only the
//	                   analyzers named this way
//	-<analyzer>.<flag> set an analyzer option, e.g.
//	                   -keyinjection.sanitizers=example.com/keys.Clean
//
// `cachevet help` says what cachevet finds, how to run it, its analyzers,
// flags, exit codes and configuration; `cachevet help <analyzer>` shows an
// analyzer's documentation and options.
//
// # Output
//
// Standalone, each finding is printed on stderr as
// `path:line:col: message (analyzer)`, with the path relative to the
// working directory when the file is below it; the places it refers to
// follow on tab-indented lines `path:line:col: note: ...`, and a summary
// closes the output (nothing is printed without findings):
//
//	14 findings: 6 keyinjection, 6 keylength, 1 sensitivedata, 1 exposure; 13 have a suggested fix (cachevet -fix)
//
// Under go vet the findings are printed as go vet prints them.
//
// # Loading
//
// Standalone, cachevet asks go list for the import graph and the
// compiler's export data, as gosec does, and type-checks from source only
// the packages named on the command line and the dependencies that can
// change a finding: those that belong to the main module (or a workspace
// or directory replacement), and dependencies that import a memcache
// client, a web framework the model knows or a configured source or sink,
// hold a hand-written memcached command (a literal that is just a verb
// such as "get ", or a format starting with one, and a \r\n in the same
// file) or a cachevet directive, or import such a package. Importing
// net/http, net or os does not make a dependency relevant: nearly every one
// does; nor does importing gRPC, its metadata package, Connect or gqlgen,
// which client SDKs, exporters and generated code import to make calls.
// The rest is read from export data, and calls into it pass their
// arguments' bytes through (text returned by one given the request is
// request data). -prune=false loads everything from source, as the stock
// go/analysis driver does; the findings are the same. Under go vet, the
// same rule makes the tool skip the analysis of the other dependencies
// (they are type-checked without function bodies, for their types only).
//
// # Deployment files
//
// Standalone, cachevet also reads the deployment files in the analyzed
// packages' directories and below, and those named on the command line:
// Dockerfiles, Compose files, Kubernetes manifests, systemd units,
// memcached.conf, sysconfig/memcached and Terraform. The exposure
// analyzer's rules judge the memcached command lines, published ports,
// Services and firewall rules they declare (see package
// github.com/cachevet/cachevet/analyzers/exposure/deploy), and the
// findings go through the same outputs as exposure's, under its name.
// Named with no package, only the files are checked. go vet does not read
// them.
//
// # Configuration file
//
// Unless -config names a file, cachevet looks for .cachevet.yaml in the
// working directory and its parents (under go vet: in the directory of the
// package being vetted, which is go vet's working directory for the tool,
// and its parents). The file extends the model: sources, sinks,
// sanitizers, validators, sensitive field names, cache ports and
// strict-length; see package github.com/cachevet/cachevet/analyzers/config
// for the schema:
//
//	sources:    ["example.com/web.Param"]
//	sinks:      ["(*example.com/cache.Client).Lookup:1"]
//	sanitizers: ["example.com/keys.Clean"]
//	validators: ["example.com/keys.Valid"]
//	sensitive:  ["phone_number", "date_of_birth"]
//	cache-ports: [11211, 21211]
//	strict-length: false
//
// The file sets the analyzers' options before the command line is parsed,
// so an explicit flag overrides the file: with the file above,
// -keyinjection.sanitizers= clears the sanitizer list again. A file that
// does not parse, has an unknown key or a bad value stops cachevet with
// exit code 1 and a message naming the file, the line and the field:
//
//	cachevet: /src/app/.cachevet.yaml: line 3: sinks[0]: "cache.Get" needs the key argument's index, ...
//
// Under go vet, pass -config as an absolute path (go vet runs the tool in
// each package's directory). Without -config, go vet also analyzes the
// dependencies outside your module (in the module cache) without the
// file, so a sink or sanitizer it declares does not make their wrappers
// sinks or sanitizers; -config=$PWD/.cachevet.yaml applies it to every
// package, as standalone cachevet does. go vet caches results by the tool's -V=full
// output, into which cachevet folds the contents of the .cachevet.yaml
// found from go vet's working directory: editing that file invalidates the
// cache, but editing a file named by -config or a .cachevet.yaml of a
// nested module does not (use go vet -a, or go clean -cache).
//
// # SARIF
//
// -sarif writes one SARIF 2.1.0 log (https://docs.oasis-open.org/sarif/sarif/v2.1.0/)
// to stdout instead of the text output; -sarif=FILE writes it to FILE
// (-sarif=- is stdout too; write -sarif=FILE, not -sarif FILE, as for a
// boolean flag). The log has one run whose tool driver is
// cachevet, with a rule per analyzer (its name as id, the first line of
// its documentation as short description, the whole documentation as full
// description and help, its pkg.go.dev page as helpUri) and a result per
// finding: level "warning", the message, the location as a path relative
// to the working directory with uriBaseId %SRCROOT% (which the run's
// originalUriBaseIds maps to the working directory's file URI), the related
// information as relatedLocations and, when there is some, a codeFlow
// going from the source through the wrapper calls to the reported sink,
// and the suggested fixes as fixes (artifact changes made of a deleted
// region and the inserted text). Columns count UTF-16 code units, as
// SARIF's default columnKind says. -sarif is a standalone mode: it cannot
// be combined with -json or -fix, and go vet does not accept it.
//
// # Exit codes
//
//	                         standalone   -json, -fix   -sarif   go vet
//	no findings              0            0             0        0
//	findings                 3            0             0        1
//	bad configuration file   1            1             1        1
//	packages do not load     1            1             1        1
//	an analyzer fails        1            0             1        1
//
// With -sarif the log is still written when packages do not load or an
// analyzer fails: the errors are its invocation's
// toolExecutionNotifications, and executionSuccessful is false.
package main

import (
	"flag"
	"fmt"
	"log"
	"os"

	"github.com/cachevet/cachevet/analyzers"
	"golang.org/x/tools/go/analysis/multichecker"
)

func main() {
	log.SetFlags(0)
	log.SetPrefix("cachevet: ")

	all := analyzers.All()
	cl := scanArgs(os.Args[1:], all)

	sarifOut := registerOwnFlags(!cl.printFlags)

	if cl.needsConfig() {
		if err := applyConfig(cl, all); err != nil {
			fmt.Fprintf(os.Stderr, "cachevet: %v\n", err)
			os.Exit(1)
		}
	}

	switch {
	case cl.vetConfig() != "":
		// go vet: one package per run, with its dependencies' facts.
		if exitEarly(cl.vetConfig(), cl) {
			os.Exit(0)
		}
	case cl.needsConfig():
		os.Exit(runStandalone(all, sarifOut))
	}
	if len(cl.args) == 1 && cl.args[0] == "help" {
		printHelp(os.Stdout, all)
		os.Exit(0)
	}
	// go vet's runs and queries (-flags, -V=full), an analyzer's help
	// and usage.
	multichecker.Main(all...)
}

// registerOwnFlags registers cachevet's own flags where multichecker
// parses them, so that it accepts them (and go vet learns -config from
// -flags). go vet must not offer -sarif: it does not work as a vet tool.
func registerOwnFlags(withSARIF bool) *sarifFlag {
	flag.String("config", "", "read the configuration from this file instead of looking for "+configFileName+" upward from the working directory")
	sarifOut := new(sarifFlag)
	if withSARIF {
		flag.Var(sarifOut, "sarif", "write a SARIF 2.1.0 log to stdout (-sarif) or to a file (-sarif=FILE) instead of the text output")
	}
	flag.Var(versionFlag{}, "V", "print version and exit")
	return sarifOut
}
