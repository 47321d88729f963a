// Package analyzers registers cachevet's analyzers in one place, for the
// command line, go vet, golangci-lint and nogo alike.
package analyzers

import (
	"github.com/cachevet/cachevet/analyzers/keyinjection"
	"golang.org/x/tools/go/analysis"
)

// All returns every cachevet analyzer.
func All() []*analysis.Analyzer {
	return []*analysis.Analyzer{
		keyinjection.Analyzer,
	}
}
