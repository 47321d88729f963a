package flow_test

import (
	"path/filepath"
	"testing"

	"github.com/cachevet/cachevet/analyzers/internal/flow"
	"golang.org/x/tools/go/analysis/analysistest"
)

// TestSummaries checks the facts the engine exports for wrappers, sources,
// sanitizers, validators, interface methods and recursion.
func TestSummaries(t *testing.T) {
	// The stubs and fixtures live with keyinjection's tests.
	testdata, err := filepath.Abs(filepath.Join("..", "..", "keyinjection", "testdata"))
	if err != nil {
		t.Fatal(err)
	}
	analysistest.Run(t, testdata, flow.Analyzer, "summaries")
}
