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
	// The stubs and fixtures all analyzers share.
	testdata, err := filepath.Abs(filepath.Join("..", "..", "testdata"))
	if err != nil {
		t.Fatal(err)
	}
	analysistest.Run(t, testdata, flow.Analyzer, "keyinjection/summaries")
}
