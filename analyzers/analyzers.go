// Package analyzers registers cachevet's analyzers in one place, for the
// command line, go vet, golangci-lint and nogo alike.
package analyzers

import (
	"github.com/cachevet/cachevet/analyzers/exposure"
	"github.com/cachevet/cachevet/analyzers/keyinjection"
	"github.com/cachevet/cachevet/analyzers/keylength"
	"github.com/cachevet/cachevet/analyzers/sensitivedata"
	"golang.org/x/tools/go/analysis"
)

// All returns every cachevet analyzer.
func All() []*analysis.Analyzer {
	return []*analysis.Analyzer{
		keyinjection.Analyzer,
		keylength.Analyzer,
		sensitivedata.Analyzer,
		exposure.Analyzer,
	}
}
