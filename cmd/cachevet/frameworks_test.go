package main

import (
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
)

const frameworksDir = "../../testdata/frameworks"

// TestFrameworkSourcesEndToEnd runs cachevet, standalone and under go
// vet, on a module built against the real gRPC, Connect, httprouter and
// macaron modules (testdata/frameworks): the sources and service handlers
// the model describes are found through the real libraries' code, not
// only through analysistest's stubs. Every line of main.go marked
// "// want A B" is reported by exactly the analyzers A and B, and no other
// line is.
func TestFrameworkSourcesEndToEnd(t *testing.T) {
	bin, goBin := buildCachevet(t)
	dir, err := filepath.Abs(frameworksDir)
	if err != nil {
		t.Fatal(err)
	}
	src, err := os.ReadFile(filepath.Join(dir, "main.go"))
	if err != nil {
		t.Fatal(err)
	}
	var want []string
	for i, line := range strings.Split(string(src), "\n") {
		if _, analyzers, ok := strings.Cut(line, "// want "); ok {
			for _, a := range strings.Fields(analyzers) {
				want = append(want, "main.go:"+strconv.Itoa(i+1)+" "+a)
			}
		}
	}
	slices.Sort(want)

	res := run(t, command(bin, dir, "-json", "./..."))
	if res.code != 0 {
		t.Fatalf("cachevet -json exited %d\nstderr:\n%s", res.code, res.stderr)
	}
	var got []string
	for _, f := range parseJSON(t, dir, res.stdout) {
		file, rest, _ := strings.Cut(f.Posn, ":")
		line, _, _ := strings.Cut(rest, ":")
		got = append(got, file+":"+line+" "+f.Analyzer)
	}
	slices.Sort(got)
	if !slices.Equal(got, want) {
		t.Errorf("cachevet -json reported\n\t%s\nwant\n\t%s", strings.Join(got, "\n\t"), strings.Join(want, "\n\t"))
	}

	// go vet prints one line per finding, then its notes, each
	// message indented.
	vet := run(t, command(goBin, dir, "vet", "-vettool="+bin, "./..."))
	var vetGot []string
	for _, line := range strings.Split(vet.stderr, "\n") {
		if !strings.HasPrefix(line, "main.go:") {
			continue
		}
		posn, msg, _ := strings.Cut(line, ": ")
		if strings.HasPrefix(msg, "\t") {
			continue // a note of the finding above
		}
		file, rest, _ := strings.Cut(posn, ":")
		l, _, _ := strings.Cut(rest, ":")
		analyzer := "keyinjection"
		if strings.HasPrefix(msg, "the memcache key of") {
			analyzer = "keylength"
		}
		vetGot = append(vetGot, file+":"+l+" "+analyzer)
	}
	slices.Sort(vetGot)
	if !slices.Equal(vetGot, want) {
		t.Errorf("go vet -vettool reported\n\t%s\nwant\n\t%s\nstderr:\n%s", strings.Join(vetGot, "\n\t"), strings.Join(want, "\n\t"), vet.stderr)
	}
}
