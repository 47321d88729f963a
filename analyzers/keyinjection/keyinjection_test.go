package keyinjection_test

import (
	"testing"

	"github.com/cachevet/cachevet/analyzers/keyinjection"
	"golang.org/x/tools/go/analysis/analysistest"
)

func TestSources(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), keyinjection.Analyzer, "sources")
}

func TestSanitizers(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), keyinjection.Analyzer, "sanitizers")
}

func TestGuards(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), keyinjection.Analyzer, "guards")
}

func TestConstruction(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), keyinjection.Analyzer, "construct")
}

func TestHandWritten(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), keyinjection.Analyzer, "handwritten")
}

// TestWrappers checks that wrappers in another package are summarized as
// facts and that the caller, not the wrapper, is reported.
func TestWrappers(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), keyinjection.Analyzer, "store", "app")
}

func TestInterfaces(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), keyinjection.Analyzer, "iface", "ifaceuser")
}

func TestSuppression(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), keyinjection.Analyzer, "suppress")
}

// TestFixes applies the suggested fixes and compares with fixes.go.golden.
func TestFixes(t *testing.T) {
	analysistest.RunWithSuggestedFixes(t, analysistest.TestData(), keyinjection.Analyzer, "fixes")
}

// TestFlags declares a sanitizer and a validator on the command line.
func TestFlags(t *testing.T) {
	for flag, value := range map[string]string{
		"sanitizers": "configured.clean",
		"validators": "configured.ok",
		"sources":    "configured.Param",
		"sinks":      "(*configured.Cache).Lookup:1",
	} {
		if err := keyinjection.Analyzer.Flags.Set(flag, value); err != nil {
			t.Fatal(err)
		}
		defer keyinjection.Analyzer.Flags.Set(flag, "")
	}
	analysistest.Run(t, analysistest.TestData(), keyinjection.Analyzer, "configured")
}
