package keyinjection_test

import (
	"path/filepath"
	"testing"

	"github.com/cachevet/cachevet/analyzers/keyinjection"
	"golang.org/x/tools/go/analysis/analysistest"
)

func TestSources(t *testing.T) {
	analysistest.Run(t, testdata(), keyinjection.Analyzer, "keyinjection/sources")
}

func TestSanitizers(t *testing.T) {
	analysistest.Run(t, testdata(), keyinjection.Analyzer, "keyinjection/sanitizers")
}

func TestGuards(t *testing.T) {
	analysistest.Run(t, testdata(), keyinjection.Analyzer, "keyinjection/guards")
}

// TestValidators: validators of another package, without annotation,
// proved by their bodies; their look-alikes still reported.
func TestValidators(t *testing.T) {
	analysistest.Run(t, testdata(), keyinjection.Analyzer, "keyinjection/keys", "keyinjection/validators")
}

// TestClientLike: a client written inside the service, whose Get checks
// the key before writing the command and whose Touch does not.
func TestClientLike(t *testing.T) {
	analysistest.Run(t, testdata(), keyinjection.Analyzer, "keyinjection/minclient", "keyinjection/minclientuser")
}

func TestConstruction(t *testing.T) {
	analysistest.Run(t, testdata(), keyinjection.Analyzer, "keyinjection/construct")
}

func TestHandWritten(t *testing.T) {
	analysistest.Run(t, testdata(), keyinjection.Analyzer, "keyinjection/handwritten")
}

// TestWrappers checks that wrappers in another package are summarized as
// facts and that the caller, not the wrapper, is reported.
func TestWrappers(t *testing.T) {
	analysistest.Run(t, testdata(), keyinjection.Analyzer, "keyinjection/store", "keyinjection/app")
}

// TestDecodingWrappers: a helper of another package that decodes its
// argument (url.QueryUnescape, a parsed URL's Path) makes escaped request
// data raw again, so its summary says so and the caller is reported; a
// helper that only keeps its argument's bytes, escapes or hashes after
// decoding, or checks the decoded text, is not.
func TestDecodingWrappers(t *testing.T) {
	analysistest.Run(t, testdata(), keyinjection.Analyzer, "keyinjection/decoders", "keyinjection/decodersapp")
}

func TestInterfaces(t *testing.T) {
	analysistest.Run(t, testdata(), keyinjection.Analyzer, "keyinjection/iface", "keyinjection/ifaceuser")
}

func TestSuppression(t *testing.T) {
	analysistest.Run(t, testdata(), keyinjection.Analyzer, "keyinjection/suppress")
}

// TestFixes applies the suggested fixes and compares with fixes.go.golden.
func TestFixes(t *testing.T) {
	analysistest.RunWithSuggestedFixes(t, testdata(), keyinjection.Analyzer, "keyinjection/fixes")
}

// TestConstructionFixes: keys that make up spaces, control bytes or raw
// digest bytes in their own syntax are rewritten without them.
func TestConstructionFixes(t *testing.T) {
	analysistest.RunWithSuggestedFixes(t, testdata(), keyinjection.Analyzer, "keyinjection/constructfix")
}

// TestKeyListFixes: GetMulti's keys are hashed one by one and the items
// come back under the keys as passed.
func TestKeyListFixes(t *testing.T) {
	analysistest.RunWithSuggestedFixes(t, testdata(), keyinjection.Analyzer, "keyinjection/keylistfix")
}

// TestFlags declares a sanitizer and a validator on the command line.
func TestFlags(t *testing.T) {
	for flag, value := range map[string]string{
		"sanitizers": "keyinjection/configured.clean",
		"validators": "keyinjection/configured.ok",
		"sources":    "keyinjection/configured.Param",
		"sinks":      "(*keyinjection/configured.Cache).Lookup:1",
	} {
		if err := keyinjection.Analyzer.Flags.Set(flag, value); err != nil {
			t.Fatal(err)
		}
		defer keyinjection.Analyzer.Flags.Set(flag, "")
	}
	analysistest.Run(t, testdata(), keyinjection.Analyzer, "keyinjection/configured")
}

// testdata is the GOPATH all cachevet analyzers share for their tests: the
// stubs of the third-party APIs they model, and one directory of packages
// per analyzer.
func testdata() string {
	return filepath.Join(analysistest.TestData(), "..", "..", "testdata")
}

// TestClients checks every modelled client's key shapes and that each
// message names that client's harm.
func TestClients(t *testing.T) {
	analysistest.Run(t, testdata(), keyinjection.Analyzer, "keyinjection/clients")
}

// TestClientWrappers checks that a wrapper's facts keep the client its
// parameters reach, so that a caller in another package is told that
// client's harm.
func TestClientWrappers(t *testing.T) {
	analysistest.Run(t, testdata(), keyinjection.Analyzer, "keyinjection/clientwrap", "keyinjection/clientapp")
}

// TestWriters follows keys assembled in a bytes.Buffer or strings.Builder.
func TestWriters(t *testing.T) {
	analysistest.Run(t, testdata(), keyinjection.Analyzer, "keyinjection/keywriter", "keyinjection/writers")
}

// TestFuncValues: calls through method values, method expressions,
// function-typed fields, callbacks and returned closures apply what their
// possible targets do; look-alikes that reach no memcache call are quiet.
func TestFuncValues(t *testing.T) {
	analysistest.Run(t, testdata(), keyinjection.Analyzer, "keyinjection/funcvalues")
}

// TestFuncValueFacts: a callback a function of another package calls, and
// the generic functions and types it declares, are followed through facts.
func TestFuncValueFacts(t *testing.T) {
	analysistest.Run(t, testdata(), keyinjection.Analyzer, "keyinjection/funclib", "keyinjection/funcapp")
}

// TestWorkers: keys sent on channels (local, parameters, struct fields)
// reach the goroutines that receive them; go statements are calls.
func TestWorkers(t *testing.T) {
	analysistest.Run(t, testdata(), keyinjection.Analyzer, "keyinjection/workers")
}

// TestContextValues: request data that middleware stores into a custom
// context's fields or under a context key reaches the handlers that read
// it; what is stored from constants only stays quiet.
func TestContextValues(t *testing.T) {
	analysistest.Run(t, testdata(), keyinjection.Analyzer, "keyinjection/ctxvalues")
}

// TestContextValueFacts: what middleware of another package stores in a
// custom context or under a context key reaches the handlers that read it.
func TestContextValueFacts(t *testing.T) {
	analysistest.Run(t, testdata(), keyinjection.Analyzer, "keyinjection/ctxmw", "keyinjection/ctxhandlers")
}

// TestCallbacks: a gorm-caches Cacher is handed the query's SQL text and
// arguments as its key; one that hashes it first is quiet.
func TestCallbacks(t *testing.T) {
	analysistest.RunWithSuggestedFixes(t, testdata(), keyinjection.Analyzer, "keyinjection/ormcacher")
}

// TestFrameworkSources: the accessors of routers and RPC frameworks
// beyond net/http (httprouter, macaron, fiber v3, Connect, gRPC metadata,
// gqlgen's field context) and r.Host, each with the bytes it can carry.
func TestFrameworkSources(t *testing.T) {
	analysistest.Run(t, testdata(), keyinjection.Analyzer, "keyinjection/frameworks")
}

// TestServiceHandlers: the parameters of methods implementing a gRPC
// service registered by generated code and of gqlgen resolvers are the
// client's data.
func TestServiceHandlers(t *testing.T) {
	analysistest.Run(t, testdata(), keyinjection.Analyzer, "keyinjection/services")
}

// TestRegistry: a session ID passed to a provider interface whose
// memcache implementation registers itself from a package that imports
// the manager's: reported once, at the implementation's Get.
func TestRegistry(t *testing.T) {
	analysistest.Run(t, testdata(), keyinjection.Analyzer, "keyinjection/sessions", "keyinjection/sessionsmc", "keyinjection/sessionsapp")
}

// TestLibraryKeys: a page-cache library builds raw digest keys for a store
// the application hands it; reported where a memcache-backed store is
// passed, not for an in-memory one nor for a library that hex-encodes.
func TestLibraryKeys(t *testing.T) {
	analysistest.Run(t, testdata(), keyinjection.Analyzer, "keyinjection/pagecache", "keyinjection/pagecacheapp")
}

// TestStoreFields: a generic manager keeps the store it is given in a
// field and keys it by its callers' arguments; the application's call is
// reported when the manager was built over a memcache-backed store, not
// over an in-memory one, nor where the manager hashes the key.
func TestStoreFields(t *testing.T) {
	analysistest.Run(t, testdata(), keyinjection.Analyzer, "keyinjection/managerlib", "keyinjection/managerapp")
}

// TestWired: an implementation from a package that does not import the
// interface's, handed out in main, is reported at the call that hands it
// out.
func TestWired(t *testing.T) {
	analysistest.Run(t, testdata(), keyinjection.Analyzer, "keyinjection/wiredgit", "keyinjection/wiredcache", "keyinjection/wiredgitcache", "keyinjection/wiredmain")
}

// TestContextValuesWiredInMain: middleware and handlers that do not
// import each other meet in the package that wires them, which reports
// what the middleware stores reaching a handler's key; constants, hashes,
// escaping, other keys and values outside keys stay quiet, and a package
// importing the one that reported does not report again.
func TestContextValuesWiredInMain(t *testing.T) {
	analysistest.Run(t, testdata(), keyinjection.Analyzer, "keyinjection/ctxwiredmw", "keyinjection/ctxwiredhandlers", "keyinjection/ctxwiredmain", "keyinjection/ctxwiredagain")
}
