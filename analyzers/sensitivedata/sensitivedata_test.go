package sensitivedata_test

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/cachevet/cachevet/analyzers/sensitivedata"
	"golang.org/x/tools/go/analysis/analysistest"
)

func TestValues(t *testing.T) {
	analysistest.Run(t, testdata(), sensitivedata.Analyzer, "sensitivedata/values", "sensitivedata/protomsg", "sensitivedata/writers")
}

// TestWrappers checks value sinks across packages: the caller passing a
// User to a helper that marshals and stores it is reported.
func TestWrappers(t *testing.T) {
	analysistest.Run(t, testdata(), sensitivedata.Analyzer, "sensitivedata/helpers", "sensitivedata/callers")
}

// TestPatterns adds sensitive terms from the command line.
func TestPatterns(t *testing.T) {
	if err := sensitivedata.Analyzer.Flags.Set("patterns", "phone_number,date_of_birth"); err != nil {
		t.Fatal(err)
	}
	defer sensitivedata.Analyzer.Flags.Set("patterns", "")
	analysistest.Run(t, testdata(), sensitivedata.Analyzer, "sensitivedata/patterns")
}

// testdata is the GOPATH all cachevet analyzers share for their tests: the
// stubs of the third-party APIs they model, and one directory of packages
// per analyzer.
func testdata() string {
	return filepath.Join(analysistest.TestData(), "..", "..", "testdata")
}

// TestClients checks the value argument of every modelled client.
func TestClients(t *testing.T) {
	analysistest.Run(t, testdata(), sensitivedata.Analyzer, "sensitivedata/clients")
}

// TestMarshalers judges types that encode themselves by what their
// methods write, in the package and across packages, and copied fields
// by the destination type the encoder sees.
func TestMarshalers(t *testing.T) {
	analysistest.Run(t, testdata(), sensitivedata.Analyzer, "sensitivedata/accounts", "sensitivedata/marshalers")
}

// TestValuePaths follows values built by fmt.Append, encoded by msgpack,
// and encoded by a store in another package.
func TestValuePaths(t *testing.T) {
	analysistest.Run(t, testdata(), sensitivedata.Analyzer, "sensitivedata/valuepaths")
}

// TestClasses names the class of each field's data, and leaves quiet the
// fields that only describe such data.
func TestClasses(t *testing.T) {
	analysistest.Run(t, testdata(), sensitivedata.Analyzer, "sensitivedata/classes")
}

// TestClassesSwitchedOff reports only the classes -classes names.
func TestClassesSwitchedOff(t *testing.T) {
	if err := sensitivedata.Analyzer.Flags.Set("classes", "secrets,identity"); err != nil {
		t.Fatal(err)
	}
	defer sensitivedata.Analyzer.Flags.Set("classes", "secrets,contact,identity,payment")
	analysistest.Run(t, testdata(), sensitivedata.Analyzer, "sensitivedata/classesoff")
}

func TestClassesFlagRejectsUnknownClass(t *testing.T) {
	err := sensitivedata.Analyzer.Flags.Set("classes", "secrets,contacts")
	if err == nil || !strings.Contains(err.Error(), `"contacts" is not a class of sensitive data`) {
		t.Fatalf("Set(classes, secrets,contacts) = %v", err)
	}
	if got := sensitivedata.Analyzer.Flags.Lookup("classes").Value.String(); got != "secrets,contact,identity,payment" {
		t.Errorf("a rejected value changed the flag to %q", got)
	}
}

// TestFuncValues: values cached through method values, callbacks and
// channels.
func TestFuncValues(t *testing.T) {
	analysistest.Run(t, testdata(), sensitivedata.Analyzer, "sensitivedata/funcvalues")
}

// TestORMCaches: queries through a *gorm.DB with a memcached-backed
// gorm-caches Cacher (of another package, or of this one) are reported
// for their models' sensitive fields; DTOs, hidden fields, in-memory
// caches and handles without the cache are quiet.
func TestORMCaches(t *testing.T) {
	analysistest.Run(t, testdata(), sensitivedata.Analyzer, "sensitivedata/ormcacher", "sensitivedata/ormservice")
}

// TestEntCache: queries through an ent client whose driver entcache wraps
// with a memcached-backed level are reported for the entity's sensitive
// columns, the Sensitive() ones included; an in-process level, a client
// without the cache and queries that return no rows are quiet.
func TestEntCache(t *testing.T) {
	analysistest.Run(t, testdata(), sensitivedata.Analyzer, "sensitivedata/entgen", "sensitivedata/entservice")
}

// TestDispatch: a user encoded in one package reaches a cache registered
// by name from a package that imports it.
func TestDispatch(t *testing.T) {
	analysistest.Run(t, testdata(), sensitivedata.Analyzer, "sensitivedata/vstore", "sensitivedata/vstoremc")
}
