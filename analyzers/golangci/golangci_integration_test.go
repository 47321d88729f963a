package golangci

// This test builds golangci-lint v2.15.0 with the cachevet plugins from
// testdata/golangci/build (a module of its own, outside the main go.mod)
// and runs it on testdata/golangci/fixture.
//
// Build time: the wrapper module compiles all of golangci-lint. With a
// cold build cache that takes about ten minutes on two cores (longer on a
// loaded machine), more than `go test`'s default 10-minute -timeout, so
// run it the first time with
//
//	go test ./analyzers/golangci/ -run Integration -v -timeout 45m
//
// Later builds reuse the build cache (GOCACHE) and take seconds. The
// go build gets at most 40 minutes and never more than the test binary's
// own deadline allows; when it runs out the test fails and says so.
//
// The test needs the go command (to build, and because golangci-lint runs
// `go list`) and the modules of testdata/golangci/build/go.sum in the
// module cache or on GOPROXY. It skips only when go is not on PATH.

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"go/format"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"
	"time"
)

// maxBuild bounds the go build of golangci-lint (a cold build takes ~10 min).
const maxBuild = 40 * time.Minute

// repoRoot is the root of the cachevet module, from this package's directory.
const repoRoot = "../.."

// TestIntegrationGolangciLint builds the custom golangci-lint and checks
// the findings, //nolint and --fix on the fixture.
func TestIntegrationGolangciLint(t *testing.T) {
	goCmd, err := exec.LookPath("go")
	if err != nil {
		t.Skipf("skipping: the go command is not on PATH (%v); it is needed to build golangci-lint with the cachevet plugins and by golangci-lint itself", err)
	}
	bin := buildGolangciLint(t, goCmd)

	t.Run("per-analyzer", func(t *testing.T) {
		dir := copyFixture(t)
		got, stderr := lint(t, bin, dir, 1)
		checkFindings(t, got, []string{
			"app/app.go:22 sensitivedata related", // the field
			"app/app.go:26 keyinjection",
			"app/app.go:26 keyinjection related",
			"app/app.go:26 keylength",
			"app/app.go:26 keylength related",
			"app/app.go:30 keylength", // keyinjection is silenced by //nolint:keyinjection
			"app/app.go:30 keylength related",
			"app/app.go:34 keyinjection", // a source from the settings
			"app/app.go:34 keyinjection related",
			"app/app.go:42 sensitivedata", // a sensitive name from the settings
			"app/app.go:46 exposure",      // a cache port from the settings
		})
		for _, f := range got {
			if f.String() == "app/app.go:26 keyinjection" && !strings.HasPrefix(f.Text, "request data (r.FormValue) reaches the memcache key of (*memcache.Client).Get unescaped") {
				t.Errorf("unexpected keyinjection message: %s", f.Text)
			}
		}
		if strings.Contains(stderr, "unknown linters") {
			t.Errorf("golangci-lint does not know a per-analyzer plugin:\n%s", stderr)
		}
	})

	t.Run("bundle", func(t *testing.T) {
		// One plugin: every finding is named cachevet, so
		// //nolint:keyinjection names no linter and silences nothing.
		dir := copyFixture(t)
		got, stderr := lint(t, bin, dir, 1, "--config", "bundle.golangci.yml")
		checkFindings(t, got, []string{
			"app/app.go:22 cachevet/sensitivedata related",
			"app/app.go:26 cachevet/keyinjection",
			"app/app.go:26 cachevet/keyinjection related",
			"app/app.go:26 cachevet/keylength",
			"app/app.go:26 cachevet/keylength related",
			"app/app.go:30 cachevet/keyinjection",
			"app/app.go:30 cachevet/keyinjection related",
			"app/app.go:30 cachevet/keylength",
			"app/app.go:30 cachevet/keylength related",
			"app/app.go:34 cachevet/keyinjection",
			"app/app.go:34 cachevet/keyinjection related",
			"app/app.go:42 cachevet/sensitivedata",
			"app/app.go:46 cachevet/exposure",
		})
		if !strings.Contains(stderr, "Found unknown linters in //nolint directives: keyinjection") {
			t.Errorf("no warning about //nolint:keyinjection with only the bundle enabled:\n%s", stderr)
		}
	})

	t.Run("bundle and keyinjection", func(t *testing.T) {
		// Both enabled: keyinjection runs once and its findings are named
		// after the per-analyzer plugin; no finding is reported twice.
		dir := copyFixture(t)
		got, _ := lint(t, bin, dir, 1, "--config", "both.golangci.yml")
		checkFindings(t, got, []string{
			"app/app.go:22 cachevet/sensitivedata related",
			"app/app.go:26 cachevet/keylength",
			"app/app.go:26 cachevet/keylength related",
			"app/app.go:26 keyinjection",
			"app/app.go:26 keyinjection related",
			"app/app.go:30 cachevet/keylength",
			"app/app.go:30 cachevet/keylength related",
			"app/app.go:34 keyinjection",
			"app/app.go:34 keyinjection related",
			"app/app.go:42 cachevet/sensitivedata",
			"app/app.go:46 cachevet/exposure",
		})
	})

	t.Run("exclusions", func(t *testing.T) {
		// An exclusion rule names a per-analyzer linter; with the bundle,
		// //nolint:cachevet silences every analyzer on its line.
		dir := copyFixture(t)
		cfg, err := os.ReadFile(filepath.Join(dir, ".golangci.yml"))
		if err != nil {
			t.Fatal(err)
		}
		cfg = bytes.Replace(cfg, []byte("\n  default: none\n"), []byte(`
  default: none
  exclusions:
    rules:
      - linters: [keylength]
        source: '"session:"'
`), 1)
		if err := os.WriteFile(filepath.Join(dir, "excluding.golangci.yml"), cfg, 0o644); err != nil {
			t.Fatal(err)
		}
		got, _ := lint(t, bin, dir, 1, "--config", "excluding.golangci.yml")
		// Line 30 is gone: keyinjection by //nolint:keyinjection, keylength
		// (and its related information, on the same line) by the rule.
		checkFindings(t, got, []string{
			"app/app.go:22 sensitivedata related",
			"app/app.go:26 keyinjection",
			"app/app.go:26 keyinjection related",
			"app/app.go:26 keylength",
			"app/app.go:26 keylength related",
			"app/app.go:34 keyinjection",
			"app/app.go:34 keyinjection related",
			"app/app.go:42 sensitivedata",
			"app/app.go:46 exposure",
		})

		src := filepath.Join(dir, "app", "app.go")
		code, err := os.ReadFile(src)
		if err != nil {
			t.Fatal(err)
		}
		code = bytes.Replace(code, []byte(`r.FormValue("sid")) //nolint:keyinjection`), []byte(`r.FormValue("sid")) //nolint:cachevet`), 1)
		if err := os.WriteFile(src, code, 0o644); err != nil {
			t.Fatal(err)
		}
		got, _ = lint(t, bin, dir, 1, "--config", "bundle.golangci.yml")
		for _, f := range got {
			if f.Line == 30 {
				t.Errorf("//nolint:cachevet did not silence %s: %s", f, f.Text)
			}
		}
	})

	t.Run("fix", func(t *testing.T) {
		dir := copyFixture(t)
		src := filepath.Join(dir, "app", "app.go")
		before, err := os.ReadFile(src)
		if err != nil {
			t.Fatal(err)
		}
		// Only keyinjection's fixes: keylength proposes hashing the same
		// key, and one edit per run keeps the result predictable.
		got, _ := lint(t, bin, dir, 1, "--fix", "--enable-only", "keyinjection")
		// The fixed findings are gone; their related information, which
		// has no fix, is still printed.
		checkFindings(t, got, []string{
			"app/app.go:26 keyinjection related",
			"app/app.go:34 keyinjection related",
		})
		after, err := os.ReadFile(src)
		if err != nil {
			t.Fatal(err)
		}
		for _, want := range []string{
			"\t\"net/url\"\n",
			"\t\"crypto/sha256\"\n",
			// An unbounded key is hashed, which fixes keylength's finding too.
			`return mc.Get("user:" + fmt.Sprintf("%x", sha256.Sum256([]byte(r.FormValue("id"))))) // want keyinjection keylength`,
			`return mc.Delete("page:" + url.QueryEscape(web.Param("page"))) // want keyinjection`,
			// golangci-lint does not fix what //nolint silences.
			`return mc.Get("session:" + r.FormValue("sid")) //nolint:keyinjection // want keylength`,
		} {
			if !bytes.Contains(after, []byte(want)) {
				t.Errorf("after --fix, app.go lacks %q:\n%s", want, after)
			}
		}
		if bytes.Equal(before, after) {
			t.Fatal("--fix changed nothing")
		}
		if formatted, err := format.Source(after); err != nil || !bytes.Equal(formatted, after) {
			t.Errorf("the fixed file is not gofmt-clean (%v):\n%s", err, after)
		}

		// The re-run with every analyzer: no keyinjection finding is left,
		// nor the keylength finding of the hashed key; the lines moved
		// down by three for the added imports.
		got, _ = lint(t, bin, dir, 1)
		checkFindings(t, got, []string{
			"app/app.go:25 sensitivedata related",
			"app/app.go:33 keylength",
			"app/app.go:33 keylength related",
			"app/app.go:45 sensitivedata",
			"app/app.go:49 exposure",
		})
	})
}

// finding is one issue of golangci-lint's JSON output.
type finding struct {
	Linter string
	File   string
	Line   int
	Text   string
}

// String is "file:line linter", then "/analyzer" when the linter is the
// bundle (golangci-lint prefixes the message with the analyzer's name) and
// " related" for related information, which golangci-lint reports as an
// issue of its own.
func (f finding) String() string {
	s := fmt.Sprintf("%s:%d %s", f.File, f.Line, f.Linter)
	analyzer, related := f.Linter, false
	if name, _, ok := strings.Cut(f.Text, ": "); ok {
		name, rel := strings.CutSuffix(name, "(related information)")
		if !strings.Contains(name, " ") {
			analyzer, related = name, rel
		}
	}
	if analyzer != f.Linter {
		s += "/" + analyzer
	}
	if related {
		s += " related"
	}
	return s
}

func checkFindings(t *testing.T, got []finding, want []string) {
	t.Helper()
	var have []string
	for _, f := range got {
		have = append(have, f.String())
	}
	slices.Sort(have)
	slices.Sort(want)
	if !slices.Equal(have, want) {
		var texts strings.Builder
		for _, f := range got {
			fmt.Fprintf(&texts, "\t%s: %s\n", f, f.Text)
		}
		t.Errorf("findings:\n\t%s\nwant:\n\t%s\nmessages:\n%s", strings.Join(have, "\n\t"), strings.Join(want, "\n\t"), texts.String())
	}
}

// lint runs golangci-lint in dir and returns its findings and stderr; the
// exit code must be wantCode (1: issues found, 0: none).
func lint(t *testing.T, bin, dir string, wantCode int, args ...string) ([]finding, string) {
	t.Helper()
	args = append([]string{"run", "--output.json.path", "stdout", "--output.text.path", "stderr", "--show-stats=false"}, args...)
	args = append(args, "./...")
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, bin, args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GOFLAGS=-mod=mod", "GOWORK=off")
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	start := time.Now()
	err := cmd.Run()
	t.Logf("golangci-lint %s: %v", strings.Join(args, " "), time.Since(start).Round(time.Millisecond))
	code := 0
	var exit *exec.ExitError
	if errors.As(err, &exit) {
		code = exit.ExitCode()
	} else if err != nil {
		t.Fatalf("golangci-lint %v: %v\n%s", args, err, stderr.String())
	}
	if code != wantCode {
		t.Fatalf("golangci-lint %v exited with %d, want %d\nstdout:\n%s\nstderr:\n%s", args, code, wantCode, stdout.String(), stderr.String())
	}
	var out struct {
		Issues []struct {
			FromLinter string
			Text       string
			Pos        struct {
				Filename string
				Line     int
			}
		}
	}
	if err := json.Unmarshal(stdout.Bytes(), &out); err != nil {
		t.Fatalf("golangci-lint %v: decoding the JSON output: %v\n%s", args, err, stdout.String())
	}
	var fs []finding
	for _, is := range out.Issues {
		fs = append(fs, finding{Linter: is.FromLinter, File: filepath.ToSlash(is.Pos.Filename), Line: is.Pos.Line, Text: is.Text})
	}
	return fs, stderr.String()
}

// buildGolangciLint builds testdata/golangci/build into a temporary
// directory, with a version string that changes with the plugin source.
func buildGolangciLint(t *testing.T, goCmd string) string {
	t.Helper()
	version := "2.15.0-cachevet-" + sourceHash(t)
	bin := filepath.Join(t.TempDir(), "custom-gcl")
	if runtime.GOOS == "windows" {
		bin += ".exe"
	}
	timeout := maxBuild
	if d, ok := t.Deadline(); ok {
		// Leave time for the lint runs and for reporting the failure.
		if left := time.Until(d) - 2*time.Minute; left < timeout {
			timeout = max(left, 0)
		}
	}
	ctx, cancel := context.WithTimeout(context.Background(), timeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, goCmd, "build", "-o", bin, "-ldflags", "-s -w -X main.version="+version, ".")
	cmd.Dir = filepath.Join(repoRoot, "testdata", "golangci", "build")
	// GOCACHE and GOMODCACHE come from the environment: a warm cache makes
	// the build take seconds.
	cmd.Env = append(os.Environ(), "GOFLAGS=-mod=mod", "GOWORK=off")
	start := time.Now()
	out, err := cmd.CombinedOutput()
	took := time.Since(start).Round(time.Second)
	if ctx.Err() != nil {
		t.Fatalf("go build of golangci-lint with the cachevet plugins ran out of time after %v (a cold build takes about ten minutes on two cores); rerun with a larger -timeout, e.g. go test -timeout 45m\n%s", took, out)
	}
	if err != nil {
		t.Fatalf("go build in %s: %v\n%s", cmd.Dir, err, out)
	}
	// A binary whose version does not name its source would let
	// golangci-lint serve results cached for another plugin.
	if now := "2.15.0-cachevet-" + sourceHash(t); now != version {
		t.Fatalf("the plugin source changed during the go build (%s, then %s): rerun the test", version, now)
	}
	t.Logf("built golangci-lint %s in %v", version, took)
	return bin
}

// sourceHash hashes the plugin's source, the non-test Go files under
// analyzers/ and the module files, so that golangci-lint's result cache
// (keyed by its version) never serves results of an older plugin.
func sourceHash(t *testing.T) string {
	t.Helper()
	h := sha256.New()
	add := func(path string) {
		data, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		rel, _ := filepath.Rel(repoRoot, path)
		fmt.Fprintf(h, "%s %d\n", filepath.ToSlash(rel), len(data))
		h.Write(data)
	}
	err := filepath.WalkDir(filepath.Join(repoRoot, "analyzers"), func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && d.Name() == "testdata" {
			return filepath.SkipDir
		}
		if !d.IsDir() && strings.HasSuffix(path, ".go") && !strings.HasSuffix(path, "_test.go") {
			add(path)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	add(filepath.Join(repoRoot, "go.mod"))
	add(filepath.Join(repoRoot, "go.sum"))
	for _, f := range []string{"go.mod", "go.sum", "main.go"} {
		add(filepath.Join(repoRoot, "testdata", "golangci", "build", f))
	}
	return hex.EncodeToString(h.Sum(nil))[:16]
}

// copyFixture copies testdata/golangci/fixture to a temporary directory.
func copyFixture(t *testing.T) string {
	t.Helper()
	src := filepath.Join(repoRoot, "testdata", "golangci", "fixture")
	dst := t.TempDir()
	if err := os.CopyFS(dst, os.DirFS(src)); err != nil {
		t.Fatal(err)
	}
	return dst
}
