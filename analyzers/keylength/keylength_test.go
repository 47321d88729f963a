package keylength_test

import (
	"path/filepath"
	"testing"

	"github.com/cachevet/cachevet/analyzers/keylength"
	"golang.org/x/tools/go/analysis/analysistest"
)

func TestLengths(t *testing.T) {
	analysistest.Run(t, testdata(), keylength.Analyzer, "keylength/lengths")
}

// TestWrappers checks budgets across packages: the caller that passes a
// long value is reported, not the wrapper, and guards in the wrapper count.
func TestWrappers(t *testing.T) {
	analysistest.Run(t, testdata(), keylength.Analyzer, "keylength/wrapped", "keylength/callers")
}

// TestValidated: a validator's length bound, declared or inferred, in
// this package or another, bounds the key.
func TestValidated(t *testing.T) {
	analysistest.Run(t, testdata(), keylength.Analyzer, "keylength/validated")
}

func TestStrict(t *testing.T) {
	if err := keylength.Analyzer.Flags.Set("strict", "true"); err != nil {
		t.Fatal(err)
	}
	defer keylength.Analyzer.Flags.Set("strict", "false")
	analysistest.Run(t, testdata(), keylength.Analyzer, "keylength/strictmode")
}

// TestNotStrict: the same keys are quiet by default.
func TestNotStrict(t *testing.T) {
	results := analysistest.Run(&quiet{t}, testdata(), keylength.Analyzer, "keylength/strictmode")
	for _, r := range results {
		if len(r.Diagnostics) != 0 {
			t.Errorf("default mode reported %d diagnostics on unprovable keys: %v", len(r.Diagnostics), r.Diagnostics[0].Message)
		}
	}
}

// quiet ignores analysistest's complaints about unmatched expectations,
// which are written for strict mode.
type quiet struct{ *testing.T }

func (quiet) Errorf(string, ...any) {}

func TestHashFix(t *testing.T) {
	analysistest.RunWithSuggestedFixes(t, testdata(), keylength.Analyzer, "keylength/hashfix")
}

// TestFprintfFix: the fix hashes the key operand of a written command,
// never its data block.
// TestLongKeyFix: a bounded key over 250 bytes, the key operand of a
// hand-written command and %v of a slice are hashed.
func TestLongKeyFix(t *testing.T) {
	analysistest.RunWithSuggestedFixes(t, testdata(), keylength.Analyzer, "keylength/longfix")
}

func TestFprintfFix(t *testing.T) {
	analysistest.RunWithSuggestedFixes(t, testdata(), keylength.Analyzer, "keylength/fprintffix")
}

// testdata is the GOPATH all cachevet analyzers share for their tests: the
// stubs of the third-party APIs they model, and one directory of packages
// per analyzer.
func testdata() string {
	return filepath.Join(analysistest.TestData(), "..", "..", "testdata")
}

// TestClients checks that each client's length harm is named.
func TestClients(t *testing.T) {
	analysistest.Run(t, testdata(), keylength.Analyzer, "keylength/clients")
}

// TestWriters bounds keys assembled in a bytes.Buffer or strings.Builder.
func TestWriters(t *testing.T) {
	analysistest.Run(t, testdata(), keylength.Analyzer, "keylength/writers")
}

// TestFuncValues: key lengths through callbacks and channels.
func TestFuncValues(t *testing.T) {
	analysistest.Run(t, testdata(), keylength.Analyzer, "keylength/funcvalues")
}

// TestCallbacks: gorm-caches' key holds the query's SQL text, of any
// length; a Cacher that hashes it is quiet.
func TestCallbacks(t *testing.T) {
	analysistest.Run(t, testdata(), keylength.Analyzer, "keylength/ormcacher")
}

// TestLoops: keys built by append loops, by sub-slicing and by ranges over
// a request's values, and their bounded look-alikes.
func TestLoops(t *testing.T) {
	analysistest.Run(t, testdata(), keylength.Analyzer, "keylength/loops")
}

// TestDispatch: keys whose length comes from another package through an
// interface: a provider registered by name, a store handed to a library
// that builds the key, an implementation seen only through its
// interface's summary.
func TestDispatch(t *testing.T) {
	analysistest.Run(t, testdata(), keylength.Analyzer, "keyinjection/sessions", "keylength/sessionstore",
		"keyinjection/pagecache", "keylength/pagecacheapp", "keylength/ifacestore", "keylength/ifacecaller")
}

// TestHTTPCacheTransport: an HTTP cache transport keys the cache the
// application hands it by the outgoing request's URL; a memcache-backed
// cache that keys by the raw URL is reported where main hands it to the
// transport, one that hashes stays quiet.
func TestHTTPCacheTransport(t *testing.T) {
	analysistest.Run(t, testdata(), keylength.Analyzer, "keylength/httpcache", "keylength/httpcachemc", "keylength/httpcacheapp")
}
