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
// Flags: -json prints findings as JSON (and exits 0); -fix applies the
// suggested fixes; -<analyzer>=false turns an analyzer off and
// -<analyzer>.<flag> sets its options. `cachevet help` lists them all.
//
// Exit codes, standalone: 0 no findings, 3 findings, 1 the packages did not
// load or type-check. Under go vet: 0 clean, 1 findings or errors.
package main

import (
	"github.com/cachevet/cachevet/analyzers"
	"golang.org/x/tools/go/analysis/multichecker"
)

func main() {
	multichecker.Main(analyzers.All()...)
}
