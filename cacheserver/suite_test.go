package cacheserver

import (
	"bufio"
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// suiteKnownFailures are the files of memcached's own suite that the
// default run of testdata/suite/run.sh expects to fail, and why. All 38
// pass now; a file that regresses is added here with its reason.
var suiteKnownFailures = map[string]string{}

// TestMemcachedSuite runs memcached 1.6.18's own t/*.t files (issue #18's
// 38) against cacheserver through testdata/suite/run.sh, which fetches the
// suite from Debian's source package. It takes about 70 seconds of wall
// time on two cores, so -short skips it.
func TestMemcachedSuite(t *testing.T) {
	if testing.Short() {
		t.Skip("memcached's suite takes about a minute; not with -short")
	}
	var missing []string
	for _, tool := range []string{"prove", "perl", "apt-get", "dpkg-source", "go"} {
		if _, err := exec.LookPath(tool); err != nil {
			missing = append(missing, tool)
		}
	}
	if len(missing) > 0 {
		if os.Getenv("CACHEVET_REQUIRE_TOOLS") == "1" {
			t.Fatalf("CACHEVET_REQUIRE_TOOLS=1 but %s not on PATH", strings.Join(missing, ", "))
		}
		t.Skipf("%s not on PATH; memcached's suite needs them", strings.Join(missing, ", "))
	}
	script, err := filepath.Abs("../testdata/suite/run.sh")
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command("bash", script)
	cmd.Env = append(os.Environ(), "SERVER=cacheserver")
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if exit, ok := err.(*exec.ExitError); ok && exit.ExitCode() == 2 {
		// Exit status 2 is the script's own: it could not fetch or start the suite.
		t.Fatalf("run.sh could not run the suite: %v\n%s%s", err, out, stderr.Bytes())
	}
	passed, failed := 0, 0
	sc := bufio.NewScanner(bytes.NewReader(out))
	for sc.Scan() {
		verdict, name, ok := strings.Cut(sc.Text(), " ")
		if !ok || (verdict != "pass" && verdict != "fail") {
			continue
		}
		why, known := suiteKnownFailures[name]
		switch {
		case verdict == "pass":
			passed++
			if known {
				t.Errorf("t/%s.t passes now; drop it from suiteKnownFailures (%s)", name, why)
			}
		default:
			failed++
			if !known {
				t.Errorf("t/%s.t fails", name)
			}
		}
	}
	if passed+failed != 38 {
		t.Fatalf("run.sh reported %d files, want 38:\n%s%s", passed+failed, out, stderr.Bytes())
	}
	t.Logf("%d of 38 files pass", passed)
	if t.Failed() {
		t.Logf("prove's report:\n%s", out)
	}
}
