package doc

import (
	"strings"
	"testing"
)

const sample = `// Package p does things.
//
// # Analyzer thing
//
// thing: report things
//
// Long explanation.
//
//	example()
package p
`

func TestExtract(t *testing.T) {
	got := Extract(sample, "thing")
	if !strings.HasPrefix(got, "report things\n") || !strings.Contains(got, "Long explanation.") || !strings.Contains(got, "example()") {
		t.Errorf("Extract = %q", got)
	}
	if _, err := extract(sample, "other"); err == nil {
		t.Error("a missing section is not an error")
	}
}
