package main

import (
	"flag"
	"regexp"
	"strings"
	"testing"

	"github.com/cachevet/cachevet/analyzers"
)

// TestHelpOverview: `cachevet help` says what cachevet finds, how to run
// it, lists every analyzer with its summary, and names only flags the
// standalone driver accepts.
func TestHelpOverview(t *testing.T) {
	bin, _ := buildCachevet(t)
	res := run(t, command(bin, t.TempDir(), "help"))
	if res.code != 0 {
		t.Fatalf("cachevet help exited %d: %s", res.code, res.stderr)
	}
	out := res.stdout
	want := []string{"cachevet ./...", "go vet -vettool=", "cachevet help ANALYZER", ".cachevet.yaml", "Exit codes", "//cachevet:ignore"}
	for _, a := range analyzers.All() {
		short, _, _ := strings.Cut(a.Doc, "\n")
		want = append(want, a.Name+" ", short)
	}
	for _, w := range want {
		if !strings.Contains(out, w) {
			t.Errorf("cachevet help does not mention %q:\n%s", w, out)
		}
	}
	if strings.Contains(out, "Printf") || strings.Contains(out, "SplitSeq") {
		t.Errorf("cachevet help prints x/tools' generic text:\n%s", out)
	}
}

// helpFlagRE matches a flag at the start of a line of the help's flag list.
var helpFlagRE = regexp.MustCompile(`(?m)^\t-([a-z]+)\b`)

func TestHelpFlagsExist(t *testing.T) {
	saved := flag.CommandLine
	t.Cleanup(func() { flag.CommandLine = saved })
	flag.CommandLine = flag.NewFlagSet("cachevet", flag.ContinueOnError)
	registerOwnFlags(true)
	registerFlags(analyzers.All())

	_, list, ok := strings.Cut(helpText, "\nFlags:\n")
	if !ok {
		t.Fatal("the help has no flag list")
	}
	list, _, _ = strings.Cut(list, "\nExit codes:")
	names := helpFlagRE.FindAllStringSubmatch(list, -1)
	if len(names) < 8 {
		t.Fatalf("found %d flags in the help's flag list:\n%s", len(names), list)
	}
	for _, m := range names {
		if flag.Lookup(m[1]) == nil {
			t.Errorf("cachevet help lists -%s, which the driver does not accept", m[1])
		}
	}
}
