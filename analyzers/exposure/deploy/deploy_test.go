package deploy

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden files")

// fixtures are the deployment files of testdata: each kind has files of
// positives, and files whose path holds "ok" of look-alike negatives.
func fixtures(t testing.TB) []string {
	t.Helper()
	var files []string
	err := filepath.WalkDir("testdata", func(p string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !d.IsDir() && IsDeploymentFile(p) && !strings.Contains(p, string(filepath.Separator)+"fixed"+string(filepath.Separator)) {
			files = append(files, p)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

// position returns line:col (1-based, bytes) of an offset.
func position(data []byte, off int) string {
	line := 1 + strings.Count(string(data[:off]), "\n")
	col := off - strings.LastIndexByte(string(data[:off]), '\n')
	return fmt.Sprintf("%d:%d", line, col)
}

func format(data []byte, fs []Finding) string {
	var b strings.Builder
	for _, f := range fs {
		fmt.Fprintf(&b, "%s:%s-%s: %s\n", filepath.ToSlash(f.File), position(data, f.Start), position(data, f.End), f.Message)
		if f.Fix != nil {
			fmt.Fprintf(&b, "\tfix: %s\n", f.Fix.Message)
		}
	}
	return b.String()
}

// checkFixture reads a fixture and returns its contents and findings.
func checkFixture(t *testing.T, file string) ([]byte, []Finding) {
	t.Helper()
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	fs, err := CheckFile(file, data, true)
	if err != nil {
		t.Fatalf("%s: %v", file, err)
	}
	return data, fs
}

// TestFindings checks the findings of every fixture against
// testdata/findings.golden, and that the look-alikes have none.
func TestFindings(t *testing.T) {
	kinds := map[string]bool{}
	var out strings.Builder
	for _, file := range fixtures(t) {
		data, fs := checkFixture(t, file)
		negative := strings.Contains(file, "ok")
		switch {
		case negative && len(fs) > 0:
			t.Errorf("look-alike %s has findings:\n%s", file, format(data, fs))
		case !negative && len(fs) == 0:
			t.Errorf("%s has no findings", file)
		}
		kinds[fmt.Sprint(kindOf(file), negative)] = true
		out.WriteString(format(data, fs))
	}
	for k := dockerfile; k <= terraform; k++ {
		for _, neg := range []bool{false, true} {
			if !kinds[fmt.Sprint(k, neg)] {
				t.Errorf("kind %d: no fixture with negative=%v", k, neg)
			}
		}
	}
	golden(t, "testdata/findings.golden", out.String())
}

// TestFixes applies every fixture's suggested fixes, compares the result
// with testdata/fixed/, and checks that the fixed files have no fixable
// finding left, so that -fix run twice changes nothing more.
func TestFixes(t *testing.T) {
	for _, file := range fixtures(t) {
		data, fs := checkFixture(t, file)
		fixed, n, err := ApplyFixes(data, fs)
		if err != nil {
			t.Fatalf("%s: %v", file, err)
		}
		if n == 0 {
			continue
		}
		golden(t, filepath.Join("testdata", "fixed", strings.TrimPrefix(file, "testdata"+string(filepath.Separator))), string(fixed))
		again, err := CheckFile(file, fixed, true)
		if err != nil {
			t.Fatalf("%s fixed: %v", file, err)
		}
		for _, f := range again {
			if f.Fix != nil {
				t.Errorf("%s fixed still has a fixable finding: %s", file, f.Message)
			}
		}
	}
}

// TestSuppression checks that a directive silences its line and the next
// only, and that one without a reason is reported.
func TestSuppression(t *testing.T) {
	src := "FROM memcached\n# cachevet:ignore exposure\nCMD [\"memcached\"]\n"
	fs, err := CheckFile("Dockerfile", []byte(src), true)
	if err != nil {
		t.Fatal(err)
	}
	var msgs []string
	for _, f := range fs {
		msgs = append(msgs, f.Message)
	}
	if len(msgs) != 2 || !strings.Contains(msgs[0], "needs a reason") || !strings.Contains(msgs[1], "without -l") {
		t.Errorf("findings %q, want the bare directive and the unsuppressed CMD", msgs)
	}
	src = "# cachevet:ignore exposure a sidecar\nFROM memcached\nCMD [\"memcached\"]\n"
	if fs, _ := CheckFile("Dockerfile", []byte(src), true); len(fs) != 1 {
		t.Errorf("a directive two lines above silenced the CMD: %d findings, want 1", len(fs))
	}
}

// TestBadInput checks that files that do not parse are errors, not
// panics, and that a YAML file found by walking that does not parse is
// skipped.
func TestBadInput(t *testing.T) {
	for name, src := range map[string]string{
		"Dockerfile":      "FROM memcached\nCMD [\"memcached\"\nRUN \"\n",
		"compose.yaml":    "services: [\n",
		"main.tf":         "resource \"aws_security_group\" {\n",
		"x.service":       "[Service\nExecStart=memcached\n",
		"templates/x.yml": "{{ if .Values.x }}\nkind: Service\n",
	} {
		_, err := CheckFile(name, []byte(src), true)
		if name == "Dockerfile" {
			continue // BuildKit accepts a bad JSON array as the shell form
		}
		if err == nil {
			t.Errorf("%s: no error for %q", name, src)
		}
	}
	if fs, err := CheckFile("templates/x.yml", []byte("{{ if .Values.x }}\n"), false); err != nil || fs != nil {
		t.Errorf("a walked Helm template: %v, %v; want it skipped", fs, err)
	}
}

func TestFiles(t *testing.T) {
	files, err := Files([]string{"testdata/docker", "testdata/docker", "testdata/conf"})
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"testdata/conf/memcached.conf", "testdata/conf/memcached_ok.conf", "testdata/conf/ok/memcached.sysconfig", "testdata/conf/sysconfig/memcached", "testdata/docker/Containerfile.ok", "testdata/docker/Dockerfile"}
	for i := range want {
		want[i] = filepath.FromSlash(want[i])
	}
	if !slices.Equal(files, want) {
		t.Errorf("Files = %q, want %q", files, want)
	}
	// testdata below a walked directory is skipped, as by the go command.
	if files, _ := Files([]string{"."}); len(files) != 0 {
		t.Errorf("Files(.) = %q, want none: testdata is skipped", files)
	}
}

func golden(t *testing.T, file, got string) {
	t.Helper()
	if *update {
		if err := os.MkdirAll(filepath.Dir(file), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(file, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(file)
	if err != nil {
		t.Fatalf("%v (run go test -update)", err)
	}
	if got != string(want) {
		t.Errorf("%s differs:\n--- got\n%s\n--- want\n%s", file, got, want)
	}
}

// TestTruncated checks every prefix of every fixture: a file cut anywhere
// is an error or a result, never a panic.
func TestTruncated(t *testing.T) {
	for _, file := range fixtures(t) {
		data, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		for n := range len(data) {
			func() {
				defer func() {
					if r := recover(); r != nil {
						t.Fatalf("%s cut at %d bytes: panic %v\n%s", file, n, r, data[:n])
					}
				}()
				CheckFile(file, data[:n], true)
			}()
		}
	}
}
