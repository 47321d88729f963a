package exposure_test

import (
	"path/filepath"
	"testing"

	"github.com/cachevet/cachevet/analyzers/exposure"
	"golang.org/x/tools/go/analysis/analysistest"
)

func TestListeners(t *testing.T) {
	analysistest.Run(t, testdata(), exposure.Analyzer, "exposure/listen")
}

func TestServerConfig(t *testing.T) {
	analysistest.Run(t, testdata(), exposure.Analyzer, "exposure/server")
}

func TestLaunch(t *testing.T) {
	analysistest.Run(t, testdata(), exposure.Analyzer, "exposure/launch")
}

func TestClients(t *testing.T) {
	analysistest.Run(t, testdata(), exposure.Analyzer, "exposure/clients")
}

func TestSuppression(t *testing.T) {
	analysistest.Run(t, testdata(), exposure.Analyzer, "exposure/suppress")
}

// TestPorts configures other cache ports with the -ports flag.
func TestPorts(t *testing.T) {
	if err := exposure.Analyzer.Flags.Set("ports", "11311, 21211"); err != nil {
		t.Fatal(err)
	}
	defer exposure.Analyzer.Flags.Set("ports", "11211")
	analysistest.Run(t, testdata(), exposure.Analyzer, "exposure/ports")
}

func TestPortsFlagRejectsGarbage(t *testing.T) {
	for _, bad := range []string{"x", "0", "70000", "11211,-1"} {
		if err := exposure.Analyzer.Flags.Set("ports", bad); err == nil {
			t.Errorf("-ports=%s accepted", bad)
		}
	}
	if got := exposure.Analyzer.Flags.Lookup("ports").Value.String(); got != "11211" {
		t.Errorf("-ports after rejected values = %q, want 11211", got)
	}
}

// TestFixes applies the suggested fixes and compares with fixes.go.golden.
func TestFixes(t *testing.T) {
	analysistest.RunWithSuggestedFixes(t, testdata(), exposure.Analyzer, "exposure/fixes")
}

// testdata is the GOPATH all cachevet analyzers share for their tests: the
// stubs of the third-party APIs they model, and one directory of packages
// per analyzer.
func testdata() string {
	return filepath.Join(analysistest.TestData(), "..", "..", "testdata")
}

// TestReaching judges every definition that reaches an address or an
// argument list: defaults under a condition, helpers that return their
// default (in this package and, through facts, another), flags set in
// init, struct defaults and conditional appends; a package that writes
// no cache port itself still gets one from another package.
func TestReaching(t *testing.T) {
	analysistest.Run(t, testdata(), exposure.Analyzer, "exposure/reaching", "exposure/reaching/envconf",
		"exposure/reaching/byconst", "exposure/reaching/byhelper", "exposure/reaching/byname")
}

// TestContainers checks container runtimes started from Go: a cache port
// published on every host interface, -P and the host's network.
func TestContainers(t *testing.T) {
	analysistest.Run(t, testdata(), exposure.Analyzer, "exposure/container")
}

// TestCacheConfigs checks the addresses inside cache libraries'
// configuration strings and fields: JSON, URLs and lists.
func TestCacheConfigs(t *testing.T) {
	analysistest.Run(t, testdata(), exposure.Analyzer, "exposure/cacheconfig")
}
