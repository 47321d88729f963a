package main

import (
	"archive/zip"
	"fmt"
	"hash/crc32"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"golang.org/x/mod/module"
	modzip "golang.org/x/mod/zip"
)

const (
	pruneAppDir     = "../../testdata/prune/app"
	pruneModuleDir  = "../../testdata/prune/cachewrap"
	pruneModulePath = "example.com/cachewrap"
)

// TestPrune checks the loader that reads dependencies from export data
// against the stock one that type-checks them all from source: on every
// fixture, cachevet reports the same findings, byte for byte, with -prune
// (the default) and -prune=false. One fixture depends on a versioned
// module, served by a module proxy of the test's own, with a wrapper, a
// source, a hand-written client and a key builder; the test checks which
// of them come from source, and that go vet, which exits early on the
// others, agrees.
func TestPrune(t *testing.T) {
	bin, goBin := buildCachevet(t)
	root, err := filepath.Abs("../..")
	if err != nil {
		t.Fatal(err)
	}
	versioned, env := versionedFixture(t)
	for _, fx := range []struct {
		name, dir, pattern string
	}{
		{"e2e", copyFixture(t), "./..."},
		{"demo", copyDir(t, demoDir), "./..."},
		{"validation", valCopy(t, root), "./vulnerable/..."},
		{"versioned", versioned, "./..."},
	} {
		t.Run(fx.name, func(t *testing.T) {
			pruned := command(bin, fx.dir, "-json", fx.pattern)
			full := command(bin, fx.dir, "-json", "-prune=false", fx.pattern)
			pruned.Env = append(pruned.Env, env...)
			full.Env = append(full.Env, env...)
			p, f := run(t, pruned), run(t, full)
			if p.code != 0 || f.code != 0 {
				t.Fatalf("cachevet -json exited %d (pruned) and %d (full)\nstderr:\n%s\n%s", p.code, f.code, p.stderr, f.stderr)
			}
			if !strings.Contains(p.stdout, `"posn"`) {
				t.Fatal("no findings: the comparison proves nothing")
			}
			if p.stdout != f.stdout {
				t.Errorf("pruned and full loading report differently:\n%s", lineDiff(f.stdout, p.stdout))
			}
			if fx.name == "versioned" {
				// The other fixtures' markers are checked by their own tests.
				readMarkers(t, fx.dir, registered(t, bin)).check(t, parseJSON(t, fx.dir, p.stdout))
			}
		})
	}

	t.Run("Selection", func(t *testing.T) {
		cmd := command(bin, versioned, "-debug=v", "./...")
		cmd.Env = append(cmd.Env, env...)
		res := run(t, cmd)
		var got []string
		for _, l := range strings.Split(res.stderr, "\n") {
			if _, list, ok := strings.Cut(l, "from source: "); ok {
				got = strings.Fields(list)
			}
		}
		// keys imports nothing cachevet models, web only the standard
		// library's net/http and rpc only gRPC's metadata package: read
		// from export data, as are the standard library, gRPC and
		// gomemcache, which the model describes.
		want := []string{
			"example.com/cachewrap/proto", // its text holds a command
			"example.com/cachewrap/wrap",  // imports gomemcache
			"example.com/pruneapp",        // the root
		}
		if !slices.Equal(got, want) {
			t.Errorf("loaded from source: %q, want %q\nstderr:\n%s", got, want, res.stderr)
		}
	})

	t.Run("GoVet", func(t *testing.T) {
		standalone := command(bin, versioned, "./...")
		vet := command(goBin, versioned, "vet", "-vettool="+bin, "./...")
		standalone.Env = append(standalone.Env, env...)
		vet.Env = append(vet.Env, env...)
		s, v := run(t, standalone), run(t, vet)
		if s.code != 3 || v.code != 1 {
			t.Fatalf("cachevet exited %d (want 3), go vet %d (want 1)\nstderr:\n%s\n%s", s.code, v.code, s.stderr, v.stderr)
		}
		if got, want := lines(parseText(t, versioned, v.stderr)), lines(parseStandalone(t, versioned, s.stderr)); got != want {
			t.Errorf("go vet reports other findings than cachevet:\n%s", lineDiff(want, got))
		}
	})
}

// versionedFixture serves testdata/prune/cachewrap from a file module
// proxy and returns a copy of testdata/prune/app requiring it, with the
// environment that makes the go command use that proxy. The version is
// derived from the module's contents, so that the shared module cache
// never holds a stale copy.
func versionedFixture(t *testing.T) (dir string, env []string) {
	t.Helper()
	h := crc32.NewIEEE()
	err := filepath.WalkDir(pruneModuleDir, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(path)
		fmt.Fprintf(h, "%s\x00%d\x00", filepath.ToSlash(path), len(data))
		h.Write(data)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	mod := module.Version{Path: pruneModulePath, Version: fmt.Sprintf("v1.0.%d", h.Sum32()%1000000)}

	proxy := t.TempDir()
	at := filepath.Join(proxy, pruneModulePath, "@v")
	if err := os.MkdirAll(at, 0o755); err != nil {
		t.Fatal(err)
	}
	gomod, err := os.ReadFile(filepath.Join(pruneModuleDir, "go.mod"))
	if err != nil {
		t.Fatal(err)
	}
	writeFile(t, filepath.Join(at, "list"), mod.Version+"\n")
	writeFile(t, filepath.Join(at, mod.Version+".info"), fmt.Sprintf(`{"Version":%q,"Time":"2026-01-01T00:00:00Z"}`, mod.Version))
	writeFile(t, filepath.Join(at, mod.Version+".mod"), string(gomod))
	z, err := os.Create(filepath.Join(at, mod.Version+".zip"))
	if err != nil {
		t.Fatal(err)
	}
	if err := modzip.CreateFromDir(z, mod, pruneModuleDir); err != nil {
		t.Fatal(err)
	}
	if err := z.Close(); err != nil {
		t.Fatal(err)
	}
	if _, err := zip.OpenReader(z.Name()); err != nil {
		t.Fatal(err)
	}

	dir = copyDir(t, pruneAppDir)
	gomodApp := filepath.Join(dir, "go.mod")
	data, err := os.ReadFile(gomodApp)
	if err != nil {
		t.Fatal(err)
	}
	writeFile(t, gomodApp, strings.Replace(string(data), pruneModulePath+" v1.0.0", pruneModulePath+" "+mod.Version, 1))
	return dir, []string{
		"GOPROXY=file://" + filepath.ToSlash(proxy) + ",https://proxy.golang.org",
		"GONOSUMDB=" + pruneModulePath,
	}
}
