package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/cachevet/cachevet/analyzers"
)

// The CLI tests build the binary like the end-to-end test and run it on
// the small module in testdata/config, whose one handler puts a request
// parameter through keys.Clean into a memcache key: cachevet cannot tell
// that Clean makes a key safe unless the configuration declares it a
// sanitizer.

const configFixture = "testdata/config"

// buildCachevet builds the command into a temporary directory.
func buildCachevet(t testing.TB) (bin, goBin string) {
	t.Helper()
	goBin, err := exec.LookPath("go")
	if err != nil {
		t.Skip("the go command is not on PATH")
	}
	if testing.Short() {
		t.Skip("skipping a test that builds cachevet in -short mode")
	}
	bin = filepath.Join(t.TempDir(), "cachevet")
	build := command(goBin, ".", "build", "-o", bin, ".")
	build.Env = append(build.Env, "GOFLAGS=-mod=readonly")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build cachevet: %v\n%s", err, out)
	}
	return bin, goBin
}

func writeFile(t *testing.T, path, data string) {
	t.Helper()
	if err := os.WriteFile(path, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
}

// keyinjectionFindings lists the keyinjection findings of cachevet -json.
func keyinjectionFindings(t *testing.T, dir string, res result) []string {
	t.Helper()
	if res.code != 0 {
		t.Fatalf("cachevet -json exited %d\nstderr:\n%s", res.code, res.stderr)
	}
	var got []string
	for _, f := range parseJSON(t, dir, res.stdout) {
		if f.Analyzer == "keyinjection" {
			got = append(got, f.Posn+": "+f.Message)
		}
	}
	return got
}

func TestConfigFileBad(t *testing.T) {
	bin, goBin := buildCachevet(t)
	for _, tc := range []struct {
		name, yaml, want string
	}{
		{"unknown field", "sources: [example.com/web.Param]\nsanitiser: [example.com/keys.Clean]\n",
			"line 2: field sanitiser not found"},
		{"sink without index", "sinks:\n  - (*example.com/cache.Client).Get:1\n  - example.com/cache.Lookup\n",
			`line 3: sinks[1]: "example.com/cache.Lookup" needs the key argument's index`},
		{"port", "cache-ports: [11211, 99999]\n", "line 1: cache-ports[1]: 99999 is not a TCP port"},
		{"syntax", "sanitizers: [a\n", "line 1"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := copyDir(t, configFixture)
			cfg := filepath.Join(dir, ".cachevet.yaml")
			writeFile(t, cfg, tc.yaml)
			want := "cachevet: " + cfg + ": " + tc.want

			check := func(how string, res result) {
				t.Helper()
				if res.code != 1 {
					t.Errorf("%s exited %d, want 1\nstderr:\n%s", how, res.code, res.stderr)
				}
				if !strings.Contains(res.stderr, want) {
					t.Errorf("%s: stderr does not hold %q:\n%s", how, want, res.stderr)
				}
				if strings.Contains(res.stderr, "panic") || strings.Contains(res.stderr, "goroutine ") {
					t.Errorf("%s panicked:\n%s", how, res.stderr)
				}
			}
			check("cachevet ./...", run(t, command(bin, dir, "./...")))
			check("cachevet -sarif ./...", run(t, command(bin, dir, "-sarif", "./...")))

			// An explicit -config from elsewhere, with a relative path.
			other := t.TempDir()
			writeFile(t, filepath.Join(other, "bad.yaml"), tc.yaml)
			res := run(t, command(bin, other, "-config", "bad.yaml", "-json", dir+"/..."))
			if res.code != 1 || !strings.Contains(res.stderr, "cachevet: bad.yaml: "+tc.want) {
				t.Errorf("cachevet -config bad.yaml exited %d, want 1 and %q\nstderr:\n%s", res.code, "cachevet: bad.yaml: "+tc.want, res.stderr)
			}

			// go vet runs cachevet in the package directory (and shows
			// paths relative to its own working directory).
			res = run(t, command(goBin, dir, "vet", "-vettool="+bin, "./..."))
			want = "cachevet: ./" + configFileName + ": " + tc.want
			if res.code == 0 || !strings.Contains(res.stderr, want) {
				t.Errorf("go vet exited %d, want an error holding %q\nstderr:\n%s", res.code, want, res.stderr)
			}

			// Queries that analyze nothing still work.
			for _, args := range [][]string{{"-flags"}, {"-V=full"}, {"help"}} {
				if res := run(t, command(bin, dir, args...)); res.code != 0 {
					t.Errorf("cachevet %s exited %d with a bad %s\nstderr:\n%s", args[0], res.code, configFileName, res.stderr)
				}
			}
		})
	}
}

func TestConfigFileGood(t *testing.T) {
	bin, goBin := buildCachevet(t)
	dir := copyDir(t, configFixture)

	before := keyinjectionFindings(t, dir, run(t, command(bin, dir, "-json", "./...")))
	if len(before) != 1 || !strings.HasPrefix(before[0], "app.go:16:") {
		t.Fatalf("without configuration, keyinjection findings are %q, want one at app.go:16", before)
	}

	// The sanitizer declared in the file found upward from a subdirectory.
	writeFile(t, filepath.Join(dir, configFileName), "# the fixture's sanitizer\nsanitizers:\n  - example.com/configfixture/keys.Clean\n")
	sub := filepath.Join(dir, "keys")
	if got := keyinjectionFindings(t, dir, run(t, command(bin, sub, "-json", "../..."))); len(got) != 0 {
		t.Errorf("with the sanitizer in %s, keyinjection still reports %q", configFileName, got)
	}

	// An explicit flag overrides the file.
	if got := keyinjectionFindings(t, dir, run(t, command(bin, dir, "-json", "-keyinjection.sanitizers=", "./..."))); !slices.Equal(got, before) {
		t.Errorf("with -keyinjection.sanitizers= overriding the file, keyinjection reports %q, want %q", got, before)
	}

	// go vet applies the file too.
	res := run(t, command(goBin, dir, "vet", "-vettool="+bin, "./..."))
	if strings.Contains(res.stderr, "reaches the memcache key") || strings.Contains(res.stderr, "cachevet:") {
		t.Errorf("go vet with the sanitizer in %s reports:\n%s", configFileName, res.stderr)
	}
	if !strings.Contains(res.stderr, "may be 5 + unbounded bytes") {
		t.Errorf("go vet lost the keylength finding the sanitizer does not concern:\n%s", res.stderr)
	}

	// -config names a file elsewhere and wins over .cachevet.yaml.
	os.Remove(filepath.Join(dir, configFileName))
	other := filepath.Join(t.TempDir(), "cachevet.yaml")
	writeFile(t, other, "sanitizers: [example.com/configfixture/keys.Clean]\n")
	if got := keyinjectionFindings(t, dir, run(t, command(bin, dir, "-json", "-config="+other, "./..."))); len(got) != 0 {
		t.Errorf("with -config %s, keyinjection still reports %q", other, got)
	}
	res = run(t, command(goBin, dir, "vet", "-vettool="+bin, "-config="+other, "./..."))
	if strings.Contains(res.stderr, "reaches the memcache key") || strings.Contains(res.stderr, "cachevet:") {
		t.Errorf("go vet -config=%s reports:\n%s", other, res.stderr)
	}
	writeFile(t, filepath.Join(dir, configFileName), "sanitizers: []\n")
	if got := keyinjectionFindings(t, dir, run(t, command(bin, dir, "-json", "-config", other, "./..."))); len(got) != 0 {
		t.Errorf("-config %s did not win over %s: keyinjection reports %q", other, configFileName, got)
	}
}

// go vet caches results by the tool's -V=full output, so the output must
// change with the configuration file.
func TestVersionHashesConfig(t *testing.T) {
	bin, _ := buildCachevet(t)
	dir := t.TempDir()
	version := func() string {
		t.Helper()
		res := run(t, command(bin, dir, "-V=full"))
		f := strings.Fields(res.stdout)
		if res.code != 0 || len(f) < 4 || f[1] != "version" || !strings.HasPrefix(f[len(f)-1], "buildID=") {
			t.Fatalf("cachevet -V=full exited %d: %q\nstderr:\n%s", res.code, res.stdout, res.stderr)
		}
		return f[len(f)-1]
	}
	none := version()
	writeFile(t, filepath.Join(dir, configFileName), "sanitizers: [a.B]\n")
	one := version()
	writeFile(t, filepath.Join(dir, configFileName), "sanitizers: [a.C]\n")
	two := version()
	if none == one || one == two {
		t.Errorf("-V=full does not follow %s: %s, %s, %s", configFileName, none, one, two)
	}
}

func TestScanArgs(t *testing.T) {
	all := analyzers.All()
	for _, tc := range []struct {
		args   []string
		config string
		rest   []string
	}{
		{[]string{"./..."}, "", []string{"./..."}},
		{[]string{"-config", "c.yaml", "./..."}, "c.yaml", []string{"./..."}},
		{[]string{"--config=c.yaml", "-sarif", "./..."}, "c.yaml", []string{"./..."}},
		{[]string{"-sarif=out.sarif", "-c", "2", "a", "b"}, "", []string{"a", "b"}},
		{[]string{"-sarif=false", "./..."}, "", []string{"./..."}},
		{[]string{"-keyinjection.sanitizers", "x.Clean", "-keylength.strict", "-config", "c", "p"}, "c", []string{"p"}},
		{[]string{"-json", "--", "-config"}, "", []string{"-config"}},
		{[]string{"./...", "-config", "c"}, "", []string{"./...", "-config", "c"}},
		{[]string{"-config=/abs/c.yaml", "-keyinjection=false", "/tmp/vet.cfg"}, "/abs/c.yaml", []string{"/tmp/vet.cfg"}},
	} {
		cl := scanArgs(tc.args, all)
		if cl.config != tc.config || !slices.Equal(cl.args, tc.rest) {
			t.Errorf("scanArgs(%q) = config %q, args %q; want %q, %q",
				tc.args, cl.config, cl.args, tc.config, tc.rest)
		}
	}
	if cl := scanArgs([]string{"-flags"}, all); !cl.printFlags || cl.needsConfig() {
		t.Errorf("scanArgs(-flags) = %+v", cl)
	}
	if cl := scanArgs([]string{"-json", "x/vet.cfg"}, all); cl.vetConfig() != "x/vet.cfg" || !cl.needsConfig() {
		t.Errorf("scanArgs(-json x/vet.cfg) = %+v", cl)
	}
}

// TestHelp: `cachevet help <analyzer>` prints the analyzer's whole
// documentation (what it reports, why, examples, fixes, suppression).
func TestHelp(t *testing.T) {
	bin, _ := buildCachevet(t)
	for name, want := range map[string][]string{
		"keyinjection":  {"Memcached's text protocol is line based", "url.QueryEscape", "//cachevet:ignore keyinjection"},
		"keylength":     {"250 bytes", "-keylength.strict", "//cachevet:ignore keylength"},
		"sensitivedata": {"stats cachedump", `json:"-"`, "//cachevet:ignore sensitivedata"},
		"exposure":      {"11211", "-U", "//cachevet:ignore exposure"},
	} {
		res := run(t, command(bin, t.TempDir(), "help", name))
		if res.code != 0 {
			t.Errorf("cachevet help %s exited %d: %s", name, res.code, res.stderr)
		}
		out := res.stdout + res.stderr
		for _, w := range want {
			if !strings.Contains(out, w) {
				t.Errorf("cachevet help %s does not mention %q:\n%s", name, w, out)
			}
		}
	}
}

// TestBadDebugFlag: a -debug letter cachevet does not know is an error,
// not silently ignored.
func TestBadDebugFlag(t *testing.T) {
	bin, _ := buildCachevet(t)
	res := run(t, command(bin, configFixture, "-debug=vx", "./..."))
	if res.code != 1 || !strings.Contains(res.stderr, `unknown flag 'x'`) {
		t.Errorf("cachevet -debug=vx exited %d, want 1 with an unknown flag error\nstderr:\n%s", res.code, res.stderr)
	}
}
