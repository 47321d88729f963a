package keyinjection_test

import (
	"testing"

	"github.com/cachevet/cachevet/analyzers/keyinjection"
	"golang.org/x/tools/go/analysis/analysistest"
)

func TestSources(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), keyinjection.Analyzer, "sources")
}
