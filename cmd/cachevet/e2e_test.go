package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// The end-to-end test builds the real cachevet binary and runs it, through
// go vet and standalone, on the fixture module in testdata/e2e. Expected
// outputs live in testdata/e2e/golden; regenerate them with
//
//	go test ./cmd/cachevet -run E2E -update
//
// and review the diff: every expected diagnostic must be a real bug. The
// fixture's "want" and "ok" markers (see type markers) are checked
// independently of the golden files, so a regenerated golden file cannot
// hide a missed bug or a false positive.

var update = flag.Bool("update", false, "rewrite the golden files in testdata/e2e/golden")

const (
	fixtureDir = "../../testdata/e2e"
	demoDir    = "../../testdata/demo"
	goldenDir  = "../../testdata/e2e/golden"
)

func TestE2E(t *testing.T) {
	goBin, err := exec.LookPath("go")
	if err != nil {
		t.Skip("skipping the end-to-end test: the go command is not on PATH")
	}
	if testing.Short() {
		t.Skip("skipping the end-to-end test in -short mode")
	}

	// Build in this module with -mod=readonly: -mod=mod would let the go
	// command rewrite the repository's go.mod and go.sum.
	bin := filepath.Join(t.TempDir(), "cachevet")
	build := command(goBin, ".", "build", "-o", bin, ".")
	build.Env = append(build.Env, "GOFLAGS=-mod=readonly")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build cachevet: %v\n%s", err, out)
	}

	markers := readMarkers(t, fixtureDir, registered(t, bin))

	// The JSON output names the analyzer of each finding: the markers are
	// checked on it, and the text outputs must hold the same findings.
	var want []diag
	var wantAnalyzers []string // the analyzer of each of want
	t.Run("JSON", func(t *testing.T) {
		dir := copyFixture(t)
		res := run(t, command(bin, dir, "-json", "./..."))
		if res.code != 0 {
			t.Errorf("cachevet -json exited %d, want 0\nstderr:\n%s", res.code, res.stderr)
		}
		findings := parseJSON(t, dir, res.stdout)
		markers.check(t, findings)
		out, err := json.MarshalIndent(findings, "", "\t")
		if err != nil {
			t.Fatal(err)
		}
		golden(t, "findings.json", string(out)+"\n")
		want = diagsOf(t, findings)
		for _, f := range findings {
			wantAnalyzers = append(wantAnalyzers, f.Analyzer)
		}
	})

	t.Run("GoVet", func(t *testing.T) {
		dir := copyFixture(t)
		res := run(t, command(goBin, dir, "vet", "-vettool="+bin, "./..."))
		if res.code != 1 {
			t.Errorf("go vet -vettool exited %d, want 1\nstderr:\n%s", res.code, res.stderr)
		}
		diags := parseText(t, dir, res.stderr)
		sameFindings(t, "go vet", diags, want)
		golden(t, "vet.txt", lines(diags))
	})

	// A class of sensitive data switched off reaches the analyzer under go
	// vet as its flag, the way .cachevet.yaml reaches it in the other drivers.
	t.Run("GoVetClasses", func(t *testing.T) {
		dir := copyFixture(t)
		res := run(t, command(goBin, dir, "vet", "-vettool="+bin, "-sensitivedata.classes=contact", "./..."))
		if !strings.Contains(res.stderr, "contains Account.Email (encoding/json): contact data (e-mail);") {
			t.Errorf("go vet -sensitivedata.classes=contact does not report the e-mail alone:\n%s", res.stderr)
		}
		res = run(t, command(goBin, dir, "vet", "-vettool="+bin, "-sensitivedata.classes=identity", "./..."))
		if strings.Contains(res.stderr, "cached value stored by") {
			t.Errorf("go vet -sensitivedata.classes=identity reports a secret or contact data:\n%s", res.stderr)
		}
	})

	t.Run("Standalone", func(t *testing.T) {
		dir := copyFixture(t)
		res := run(t, command(bin, dir, "./..."))
		if res.code != 3 {
			t.Errorf("cachevet exited %d, want 3 (findings)\nstderr:\n%s", res.code, res.stderr)
		}
		diags := parseStandalone(t, dir, res.stderr)
		sameFindings(t, "cachevet", diags, want)
		sameAnalyzers(t, diags, wantAnalyzers)
		golden(t, "standalone.txt", res.stderr) // the text as a user sees it
	})

	// The demo the README's quick start analyzes must keep showing its bugs.
	t.Run("Demo", func(t *testing.T) {
		dir := copyDir(t, demoDir)
		res := run(t, command(bin, dir, "./..."))
		if res.code != 3 {
			t.Errorf("cachevet on the demo exited %d, want 3 (findings)\nstderr:\n%s", res.code, res.stderr)
		}
		parseStandalone(t, dir, res.stderr)
		golden(t, "demo.txt", res.stderr)

		// The README quotes some of these lines: they must be current.
		readme, err := os.ReadFile("../../README.md")
		if err != nil {
			t.Fatal(err)
		}
		got := strings.Split(res.stderr, "\n")
		quoted := 0
		for _, l := range strings.Split(string(readme), "\n") {
			if diagLineRE.MatchString(strings.TrimPrefix(l, "\t")) || summaryRE.MatchString(l) {
				quoted++
				if !slices.Contains(got, l) {
					t.Errorf("README.md quotes a line the demo does not print:\n\t%s", l)
				}
			}
		}
		if quoted == 0 {
			t.Error("README.md quotes no finding of the demo")
		}
	})

	t.Run("Fix", func(t *testing.T) {
		dir := copyFixture(t)
		findings := parseJSON(t, dir, run(t, command(bin, dir, "-json", "./...")).stdout)
		res := run(t, command(bin, dir, "-fix", "./..."))
		if res.code != 0 {
			t.Errorf("cachevet -fix exited %d, want 0\nstderr:\n%s", res.code, res.stderr)
		}
		if out, err := command(goBin, dir, "build", "./...").CombinedOutput(); err != nil {
			t.Fatalf("the fixed fixture does not build: %v\n%s", err, out)
		}
		if out, err := command(goBin, dir, "vet", "./...").CombinedOutput(); err != nil {
			t.Fatalf("the fixed fixture does not pass go vet: %v\n%s", err, out)
		}
		// Only findings without a suggested fix may remain, unchanged.
		var unfixable []string
		for _, f := range findings {
			if len(f.Fixes) == 0 {
				unfixable = append(unfixable, f.Analyzer+": "+fileOf(f.Posn)+": "+f.Message)
			}
		}
		if len(unfixable) == len(findings) {
			t.Fatal("no finding in the fixture has a suggested fix: -fix is untested")
		}
		res = run(t, command(bin, dir, "-json", "./..."))
		after := parseJSON(t, dir, res.stdout)
		var remaining []string
		for _, f := range after {
			remaining = append(remaining, f.Analyzer+": "+fileOf(f.Posn)+": "+f.Message)
		}
		slices.Sort(unfixable)
		slices.Sort(remaining)
		if !slices.Equal(unfixable, remaining) {
			t.Errorf("after -fix, findings are\n\t%s\nwant only those without a fix:\n\t%s",
				strings.Join(remaining, "\n\t"), strings.Join(unfixable, "\n\t"))
		}
		golden(t, "fixed.txt", lines(diagsOf(t, after)))

		// The fixed sources themselves, for review.
		var changed []string
		walkGo(t, dir, func(rel string, data []byte) {
			orig, err := os.ReadFile(filepath.Join(fixtureDir, rel))
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(orig, data) {
				changed = append(changed, rel)
				golden(t, filepath.Join("fixed", rel+".golden"), string(data))
			}
		})
		if *update {
			pruneFixedGolden(t, changed)
		} else {
			var want []string
			walkGolden(t, func(rel string) { want = append(want, rel) })
			if !slices.Equal(changed, want) {
				t.Errorf("-fix changed %v, golden files expect %v", changed, want)
			}
		}
	})
}

// registered returns the names of the analyzers the binary runs, from its
// -flags output: each analyzer has a boolean flag named after it.
func registered(t *testing.T, bin string) map[string]bool {
	t.Helper()
	out, err := command(bin, ".", "-flags").Output()
	if err != nil {
		t.Fatalf("cachevet -flags: %v", err)
	}
	var flags []struct {
		Name  string
		Bool  bool
		Usage string
	}
	if err := json.Unmarshal(out, &flags); err != nil {
		t.Fatalf("cachevet -flags: %v\n%s", err, out)
	}
	names := map[string]bool{}
	for _, f := range flags {
		if f.Bool && strings.HasPrefix(f.Usage, "enable \"") {
			names[f.Name] = true
		}
	}
	if len(names) == 0 {
		t.Fatalf("cachevet -flags lists no analyzer:\n%s", out)
	}
	return names
}

// sameFindings asserts that a text output holds exactly the JSON findings.
func sameFindings(t *testing.T, tool string, got, want []diag) {
	t.Helper()
	if want == nil {
		t.Skip("the JSON subtest did not run")
	}
	if g, w := lines(got), lines(want); g != w {
		t.Errorf("%s reports other findings than cachevet -json:\n%s", tool, lineDiff(w, g))
	}
}

// command returns a go or cachevet command running in dir with an
// environment that never reaches past the module proxy, so that the test
// works offline with a warm module cache and fails fast otherwise. It uses
// -mod=mod, which is only safe in the fixture's copies.
func command(name, dir string, args ...string) *exec.Cmd {
	cmd := exec.Command(name, args...)
	cmd.Dir = dir
	var env []string
	for _, kv := range os.Environ() {
		k, _, _ := strings.Cut(kv, "=")
		switch k {
		case "GOFLAGS", "GOPROXY", "GOWORK", "GONOPROXY", "GOPRIVATE", "GONOSUMDB", "VALIDATION_EXPECT", "CLIENTPROOF_EXPECT":
			continue // the fixture's own settings below; the validation tests set their expectation
		}
		env = append(env, kv)
	}
	cmd.Env = append(env, "GOFLAGS=-mod=mod", "GOPROXY=https://proxy.golang.org", "GOWORK=off")
	return cmd
}

type result struct {
	stdout, stderr string
	code           int
}

func run(t testing.TB, cmd *exec.Cmd) result {
	t.Helper()
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err := cmd.Run()
	code := 0
	if err != nil {
		var ee *exec.ExitError
		if !errors.As(err, &ee) {
			t.Fatalf("%s: %v", strings.Join(cmd.Args, " "), err)
		}
		code = ee.ExitCode()
	}
	return result{stdout.String(), stderr.String(), code}
}

// copyFixture copies the fixture module, without its golden files, to a
// fresh directory, so that no run can modify the source tree.
func copyFixture(t *testing.T) string {
	t.Helper()
	return copyDir(t, fixtureDir)
}

func copyDir(t testing.TB, src string) string {
	t.Helper()
	dst, err := filepath.EvalSymlinks(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	err = filepath.WalkDir(src, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, path)
		if d.IsDir() {
			if rel == "golden" {
				return filepath.SkipDir
			}
			return os.MkdirAll(filepath.Join(dst, rel), 0o755)
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(dst, rel), data, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
	return dst
}

// walkGo calls fn for each .go file under dir (golden files excluded),
// with its slash-separated path relative to dir.
func walkGo(t *testing.T, dir string, fn func(rel string, data []byte)) {
	t.Helper()
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, path)
		if d.IsDir() && rel == "golden" {
			return filepath.SkipDir
		}
		if d.IsDir() || !strings.HasSuffix(path, ".go") {
			return nil
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		fn(filepath.ToSlash(rel), data)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

// A diag is one primary diagnostic: file is relative to the fixture root.
type diag struct {
	file      string
	line, col int
	message   string
	analyzer  string // in the standalone text output only
}

func (d diag) String() string {
	return fmt.Sprintf("%s:%d:%d: %s", d.file, d.line, d.col, d.message)
}

func lines(ds []diag) string {
	var out []string
	for _, d := range ds {
		out = append(out, d.String())
	}
	slices.Sort(out)
	return strings.Join(out, "\n") + "\n"
}

var posnRE = regexp.MustCompile(`^(.+\.go):(\d+):(\d+)$`)

// parsePosn splits "file:line:col", making file relative to dir.
func parsePosn(t *testing.T, dir, posn string) diag {
	t.Helper()
	m := posnRE.FindStringSubmatch(posn)
	if m == nil {
		t.Fatalf("malformed position %q", posn)
	}
	file := m[1]
	if filepath.IsAbs(file) {
		rel, err := filepath.Rel(dir, file)
		if err != nil || strings.HasPrefix(rel, "..") {
			t.Fatalf("position %q outside the fixture %s", posn, dir)
		}
		file = rel
	}
	line, _ := strconv.Atoi(m[2])
	col, _ := strconv.Atoi(m[3])
	return diag{file: filepath.ToSlash(filepath.Clean(file)), line: line, col: col}
}

// diagLineRE matches a diagnostic line of the text output. Related
// information follows as "posn: \tmessage", and go vet may print
// "# package" headers.
var diagLineRE = regexp.MustCompile(`^(\S.*?\.go:\d+:\d+): (.*)$`)

func parseText(t *testing.T, dir, out string) []diag {
	t.Helper()
	var ds []diag
	sc := bufio.NewScanner(strings.NewReader(out))
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		line := sc.Text()
		if line == "" || strings.HasPrefix(line, "\t") || strings.HasPrefix(line, "# ") {
			continue
		}
		m := diagLineRE.FindStringSubmatch(line)
		if m == nil {
			t.Errorf("unexpected output line: %q", line)
			continue
		}
		if strings.HasPrefix(m[2], "\t") {
			continue // related information
		}
		d := parsePosn(t, dir, m[1])
		d.message = m[2]
		ds = append(ds, d)
	}
	return ds
}

// findingRE splits a finding of the standalone text output into the
// go vet style line and the analyzer that ends it.
var findingRE = regexp.MustCompile(`^(.*) \(([a-z]+)\)$`)

// summaryRE matches the standalone driver's closing summary.
var summaryRE = regexp.MustCompile(`^\d+ findings?: [a-z0-9, ]+; (none has|\d+ ha(s|ve)) a suggested fix`)

// parseStandalone parses cachevet's text output: findings that end with
// their analyzer, notes on indented lines, and a summary last that counts
// the findings.
func parseStandalone(t *testing.T, dir, out string) []diag {
	t.Helper()
	body := strings.TrimSuffix(out, "\n")
	last := body[strings.LastIndexByte(body, '\n')+1:]
	if !summaryRE.MatchString(last) {
		t.Errorf("the output does not end with a summary line; its last line is %q", last)
	} else {
		body = strings.TrimSuffix(body, last)
	}
	var ds []diag
	for _, line := range strings.Split(body, "\n") {
		if line == "" {
			continue
		}
		if note, ok := strings.CutPrefix(line, "\t"); ok {
			if m := diagLineRE.FindStringSubmatch(note); m == nil || !strings.HasPrefix(m[2], "note: ") {
				t.Errorf("an indented line is not a note: %q", line)
			}
			continue
		}
		m := findingRE.FindStringSubmatch(line)
		if m == nil {
			t.Errorf("a finding does not end with its analyzer: %q", line)
			continue
		}
		for _, d := range parseText(t, dir, m[1]) {
			d.analyzer = m[2]
			ds = append(ds, d)
		}
	}
	if n := strconv.Itoa(len(ds)); !strings.HasPrefix(last, n+" finding") {
		t.Errorf("the summary %q does not count the %s findings", last, n)
	}
	return ds
}

// sameAnalyzers asserts that the findings of the text output name the
// analyzers the JSON output files them under.
func sameAnalyzers(t *testing.T, got []diag, want []string) {
	t.Helper()
	var g []string
	for _, d := range got {
		g = append(g, d.analyzer)
	}
	slices.Sort(g)
	w := slices.Sorted(slices.Values(want))
	if !slices.Equal(g, w) {
		t.Errorf("the text output names the analyzers %q, the JSON output %q", g, w)
	}
}

// The JSON output, {"pkg": {"analyzer": [diagnostic...]}}, normalized: paths
// relative to the fixture, one flat list sorted by position.
type finding struct {
	Package  string    `json:"package"`
	Analyzer string    `json:"analyzer"`
	Category string    `json:"category,omitempty"`
	Posn     string    `json:"posn"`
	End      string    `json:"end,omitempty"`
	Message  string    `json:"message"`
	Fixes    []jsonFix `json:"suggested_fixes,omitempty"`
	Related  []related `json:"related,omitempty"`
}

type jsonFix struct {
	Message string     `json:"message"`
	Edits   []jsonEdit `json:"edits"`
}

type jsonEdit struct {
	Filename string `json:"filename"`
	Start    int    `json:"start"`
	End      int    `json:"end"`
	New      string `json:"new"`
}

type related struct {
	Posn    string `json:"posn"`
	End     string `json:"end,omitempty"`
	Message string `json:"message"`
}

func parseJSON(t *testing.T, dir, out string) []finding {
	t.Helper()
	dec := json.NewDecoder(strings.NewReader(out))
	var all []finding
	for {
		var tree map[string]map[string]json.RawMessage
		if err := dec.Decode(&tree); err != nil {
			if errors.Is(err, io.EOF) {
				break
			}
			t.Fatalf("decoding the JSON output: %v\n%s", err, out)
		}
		for pkg, byAnalyzer := range tree {
			for analyzer, raw := range byAnalyzer {
				var fs []finding
				if err := json.Unmarshal(raw, &fs); err != nil {
					// An analyzer error is {"error": "..."}.
					t.Fatalf("%s: %s: %s", pkg, analyzer, raw)
				}
				for _, f := range fs {
					f.Package, f.Analyzer = pkg, analyzer
					f.Posn = relPosn(t, dir, f.Posn)
					f.End = relPosn(t, dir, f.End)
					for i := range f.Related {
						if !strings.HasPrefix(f.Related[i].Posn, dir+string(filepath.Separator)) {
							continue // in a dependency, in the module cache
						}
						f.Related[i].Posn = relPosn(t, dir, f.Related[i].Posn)
						f.Related[i].End = relPosn(t, dir, f.Related[i].End)
					}
					for i := range f.Fixes {
						for j := range f.Fixes[i].Edits {
							e := &f.Fixes[i].Edits[j]
							rel, err := filepath.Rel(dir, e.Filename)
							if err != nil {
								t.Fatal(err)
							}
							e.Filename = filepath.ToSlash(rel)
						}
					}
					all = append(all, f)
				}
			}
		}
	}
	slices.SortFunc(all, func(a, b finding) int {
		da, db := parsePosn(t, "", a.Posn), parsePosn(t, "", b.Posn)
		if c := strings.Compare(da.file, db.file); c != 0 {
			return c
		}
		if c := da.line - db.line; c != 0 {
			return c
		}
		if c := da.col - db.col; c != 0 {
			return c
		}
		return strings.Compare(a.Message, b.Message)
	})
	return all
}

func relPosn(t *testing.T, dir, posn string) string {
	t.Helper()
	if posn == "" {
		return ""
	}
	d := parsePosn(t, dir, posn)
	return fmt.Sprintf("%s:%d:%d", d.file, d.line, d.col)
}

func diagsOf(t *testing.T, fs []finding) []diag {
	t.Helper()
	var ds []diag
	for _, f := range fs {
		d := parsePosn(t, "", f.Posn)
		d.message = f.Message
		ds = append(ds, d)
	}
	return ds
}

func fileOf(posn string) string {
	m := posnRE.FindStringSubmatch(posn)
	if m == nil {
		return posn
	}
	return m[1]
}

// markers are the fixture's comments saying what each analyzer must
// report. A line may carry several, each starting with "// ":
//
//	// want ANALYZER: text   a finding of ANALYZER containing text is on this line
//	// want-below ANALYZER: text   the same for the next line (for directives)
//	// ok ANALYZER: why      no finding of ANALYZER is on this line
//
// A finding on a line without a matching "want" marker is an error too.
type markers struct {
	want map[string]map[string]string // "file:line" -> analyzer -> message substring
	ok   map[string]map[string]string // "file:line" -> analyzer -> why it is safe
}

var markerRE = regexp.MustCompile(`^(want|want-below|ok) ([a-z0-9_]+): (.+?)\s*$`)

// readMarkers reads the markers of the .go files under dir, keeping those
// of the analyzers the binary has (an analyzer not yet registered, or
// removed, has nothing to check).
func readMarkers(t *testing.T, dir string, analyzers map[string]bool) markers {
	t.Helper()
	ms := markers{want: map[string]map[string]string{}, ok: map[string]map[string]string{}}
	add := func(m map[string]map[string]string, key, analyzer, text string) {
		if m[key] == nil {
			m[key] = map[string]string{}
		}
		if _, dup := m[key][analyzer]; dup {
			t.Fatalf("%s: two markers for %s", key, analyzer)
		}
		m[key][analyzer] = text
	}
	skipped := map[string]bool{}
	walkGo(t, dir, func(rel string, data []byte) {
		for i, line := range strings.Split(string(data), "\n") {
			for _, seg := range strings.Split(line, "// ")[1:] {
				m := markerRE.FindStringSubmatch(seg)
				if m == nil {
					continue
				}
				if !analyzers[m[2]] {
					skipped[m[2]] = true
					continue
				}
				n := i + 1
				switch m[1] {
				case "want-below":
					add(ms.want, fmt.Sprintf("%s:%d", rel, n+1), m[2], m[3])
				case "want":
					add(ms.want, fmt.Sprintf("%s:%d", rel, n), m[2], m[3])
				case "ok":
					add(ms.ok, fmt.Sprintf("%s:%d", rel, n), m[2], m[3])
				}
			}
		}
	})
	for a := range skipped {
		t.Logf("the binary has no analyzer %s: its markers are not checked", a)
	}
	if len(ms.want) == 0 || len(ms.ok) == 0 {
		t.Fatalf("no want or ok markers found in %s", dir)
	}
	return ms
}

// check asserts that every "want" marker has a matching finding, that no
// "ok" line has a finding of that analyzer, and that no finding is on a
// line without a "want" marker for its analyzer.
func (ms markers) check(t *testing.T, fs []finding) {
	t.Helper()
	found := map[string]map[string][]string{} // "file:line" -> analyzer -> messages
	for _, f := range fs {
		d := parsePosn(t, "", f.Posn)
		k := fmt.Sprintf("%s:%d", d.file, d.line)
		if found[k] == nil {
			found[k] = map[string][]string{}
		}
		found[k][f.Analyzer] = append(found[k][f.Analyzer], f.Message)
		if why, ok := ms.ok[k][f.Analyzer]; ok {
			t.Errorf("false positive on a line marked ok %s: %s\n\t%s: %s", f.Analyzer, why, f.Posn, f.Message)
		} else if _, ok := ms.want[k][f.Analyzer]; !ok {
			t.Errorf("%s finding on a line without a want %s marker (mark it or fix the analyzer)\n\t%s: %s",
				f.Analyzer, f.Analyzer, f.Posn, f.Message)
		}
	}
	for k, byAnalyzer := range ms.want {
		for a, sub := range byAnalyzer {
			if !slices.ContainsFunc(found[k][a], func(msg string) bool { return strings.Contains(msg, sub) }) {
				t.Errorf("missed bug: no %s finding containing %q at %s (got %q)", a, sub, k, found[k][a])
			}
		}
	}
}

// golden compares got with the golden file name, or rewrites it with -update.
func golden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join(goldenDir, name)
	if *update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./cmd/cachevet -run E2E -update)", err)
	}
	if string(want) != got {
		t.Errorf("%s differs from the output (run go test ./cmd/cachevet -run E2E -update and review the diff)\n%s",
			path, lineDiff(string(want), got))
	}
}

// lineDiff lists the lines only in want (-) and only in got (+).
func lineDiff(want, got string) string {
	w, g := strings.Split(want, "\n"), strings.Split(got, "\n")
	var b strings.Builder
	for _, l := range w {
		if !slices.Contains(g, l) {
			fmt.Fprintf(&b, "-\t%s\n", l)
		}
	}
	for _, l := range g {
		if !slices.Contains(w, l) {
			fmt.Fprintf(&b, "+\t%s\n", l)
		}
	}
	if b.Len() == 0 {
		return "(same lines in another order)"
	}
	return b.String()
}

// walkGolden lists the golden copies of fixed files, relative to golden/fixed.
func walkGolden(t *testing.T, fn func(rel string)) {
	t.Helper()
	root := filepath.Join(goldenDir, "fixed")
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if errors.Is(err, fs.ErrNotExist) {
			return nil
		}
		if err != nil {
			return err
		}
		if !d.IsDir() && strings.HasSuffix(path, ".go.golden") {
			rel, _ := filepath.Rel(root, path)
			fn(strings.TrimSuffix(filepath.ToSlash(rel), ".golden"))
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

// pruneFixedGolden removes golden copies of files -fix no longer changes.
func pruneFixedGolden(t *testing.T, changed []string) {
	t.Helper()
	walkGolden(t, func(rel string) {
		if !slices.Contains(changed, rel) {
			os.Remove(filepath.Join(goldenDir, "fixed", rel+".golden"))
		}
	})
}
