package sensitivedata_test

import (
	"testing"

	"github.com/cachevet/cachevet/analyzers/sensitivedata"
	"golang.org/x/tools/go/analysis/analysistest"
)

func TestValues(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), sensitivedata.Analyzer, "values", "protomsg")
}

// TestWrappers checks value sinks across packages: the caller passing a
// User to a helper that marshals and stores it is reported.
func TestWrappers(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), sensitivedata.Analyzer, "helpers", "callers")
}

// TestPatterns adds sensitive terms from the command line.
func TestPatterns(t *testing.T) {
	if err := sensitivedata.Analyzer.Flags.Set("patterns", "phone_number,date_of_birth"); err != nil {
		t.Fatal(err)
	}
	defer sensitivedata.Analyzer.Flags.Set("patterns", "")
	analysistest.Run(t, analysistest.TestData(), sensitivedata.Analyzer, "patterns")
}
