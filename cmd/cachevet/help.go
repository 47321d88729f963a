package main

import (
	"fmt"
	"io"
	"strings"

	"golang.org/x/tools/go/analysis"
)

// helpText is what `cachevet help` prints, written for cachevet rather
// than x/tools' generic text about analysis tools. %s is the list of
// analyzers.
const helpText = `cachevet finds unsafe memcached usage in Go code: cache keys built from
data an attacker controls or of unbounded length, secrets and personal
data stored in cached values, and cache servers reachable beyond a
private network.

Run it on packages, from the module's directory:

	cachevet ./...

or through go vet (-vettool needs a path):

	go vet -vettool=$(which cachevet) ./...

Each finding ends with the analyzer that reported it, the name that
//cachevet:ignore ANALYZER REASON, -ANALYZER=false and golangci-lint's
settings take. Analyzers:

%s
"cachevet help ANALYZER" shows an analyzer's documentation and options.

Flags:

	-json              print the findings as JSON on stdout (exit code 0)
	-fix               apply the suggested fixes; -fix -diff prints them instead
	-sarif[=FILE]      write a SARIF 2.1.0 log to stdout or FILE
	-config FILE       read this configuration instead of .cachevet.yaml
	-c N               print N lines of source around each position
	-test=false        do not analyze test files
	-prune=false       type-check every dependency from source
	-debug=LETTERS     v: log loading, t: slowest analyses, f: facts,
	                   p: run sequentially, s: sanity checks
	-ANALYZER=false    turn an analyzer off; -ANALYZER runs only those named
	-ANALYZER.OPTION   set an analyzer option (see cachevet help ANALYZER)

Exit codes:

	                         cachevet   -json, -fix   -sarif   go vet
	no findings              0          0             0        0
	findings                 3          0             0        1
	bad configuration file   1          1             1        1
	packages do not load     1          1             1        1
	an analyzer fails        1          0             1        1

Configuration: cachevet reads .cachevet.yaml from the working directory or
the nearest parent (or the file -config names). It declares sources,
sinks, sanitizers, validators, sensitive field names, cache ports and
strict-length; the schema is documented at
https://pkg.go.dev/github.com/cachevet/cachevet/analyzers/config
`

// printHelp writes the help of `cachevet help` to w.
func printHelp(w io.Writer, all []*analysis.Analyzer) {
	width := 0
	for _, a := range all {
		width = max(width, len(a.Name))
	}
	var list strings.Builder
	for _, a := range all {
		short, _, _ := strings.Cut(a.Doc, "\n")
		fmt.Fprintf(&list, "\t%-*s  %s\n", width, a.Name, short)
	}
	fmt.Fprintf(w, helpText, list.String())
}
