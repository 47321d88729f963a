package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// deployModule is a module whose package directory holds a Dockerfile
// running memcached without -l, and a testdata directory whose Dockerfile
// is not read (./... skips testdata).
var deployModule = map[string]string{
	"go.mod":              "module example.com/cache\n\ngo 1.26\n",
	"main.go":             "package main\n\nfunc main() {}\n",
	"Dockerfile":          "FROM alpine:3.20\nRUN apk add memcached\nCMD [\"memcached\", \"-m\", \"64\"]\n",
	"testdata/Dockerfile": "FROM memcached\nCMD [\"memcached\"]\n",
	"deploy/compose.yaml": "services:\n  cache:\n    image: memcached:1.6\n    ports:\n      - \"11211:11211\"\n",
}

func writeFiles(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, text := range files {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// TestDeployOutputs checks that deployment-file findings go through the
// text, -json, -sarif and -fix outputs, and that -deploy=false turns the
// check off.
func TestDeployOutputs(t *testing.T) {
	bin, _ := buildCachevet(t)
	dir := writeFiles(t, deployModule)
	dockerfile := filepath.Join(dir, "Dockerfile")

	r := run(t, command(bin, dir, "./..."))
	if r.code != 3 {
		t.Fatalf("cachevet ./...: exit %d, want 3\n%s", r.code, r.stderr)
	}
	// The text output's form: relative path, the analyzer, a summary.
	for _, re := range []string{
		`(?m)^Dockerfile:3:1: memcached started without -l listens on every interface: .* \(exposure\)$`,
		`(?m)^deploy/compose.yaml:5:9: Compose service "cache" publishes cache port 11211 .* \(exposure\)$`,
		`(?m)^2 findings: 2 exposure; 2 have a suggested fix \(cachevet -fix\)$`,
	} {
		if !regexp.MustCompile(re).MatchString(r.stderr) {
			t.Errorf("cachevet ./... lacks %s:\n%s", re, r.stderr)
		}
	}
	if strings.Contains(r.stderr, "testdata") {
		t.Errorf("cachevet ./... read testdata:\n%s", r.stderr)
	}
	if r := run(t, command(bin, dir, "-deploy=false", "./...")); r.code != 0 || r.stderr != "" {
		t.Errorf("cachevet -deploy=false ./...: exit %d, want 0 and no output\n%s", r.code, r.stderr)
	}
	if r := run(t, command(bin, dir, "-deploy=false", "Dockerfile")); r.code != 1 || !strings.Contains(r.stderr, "-deploy=false") {
		t.Errorf("cachevet -deploy=false Dockerfile: exit %d, want 1 with an error\n%s", r.code, r.stderr)
	}

	// -json: one entry keyed by the file, in the analyzers' format.
	r = run(t, command(bin, dir, "-json", "Dockerfile"))
	var tree map[string]map[string][]struct {
		Posn, Message  string
		SuggestedFixes []struct{ Message string } `json:"suggested_fixes"`
	}
	if err := json.Unmarshal([]byte(r.stdout), &tree); err != nil || r.code != 0 {
		t.Fatalf("cachevet -json Dockerfile: exit %d, %v\n%s", r.code, err, r.stdout)
	}
	ds := tree[dockerfile]["exposure"]
	if len(ds) != 1 || ds[0].Posn != dockerfile+":3:1" || len(ds[0].SuggestedFixes) != 1 {
		t.Errorf("cachevet -json Dockerfile: %+v, want one exposure finding at :3:1 with a fix", tree)
	}

	// -sarif: a result of rule exposure with the file's region.
	r = run(t, command(bin, dir, "-sarif", "Dockerfile"))
	var log struct {
		Runs []struct {
			Results []struct {
				RuleID    string `json:"ruleId"`
				Locations []struct {
					PhysicalLocation struct {
						ArtifactLocation struct{ URI string }
						Region           struct{ StartLine, StartColumn, EndLine, EndColumn int }
					}
				}
				Fixes []any
			}
		}
	}
	if err := json.Unmarshal([]byte(r.stdout), &log); err != nil || r.code != 0 || len(log.Runs) != 1 || len(log.Runs[0].Results) != 1 {
		t.Fatalf("cachevet -sarif Dockerfile: exit %d, %v\n%s", r.code, err, r.stdout)
	}
	res := log.Runs[0].Results[0]
	loc := res.Locations[0].PhysicalLocation
	if res.RuleID != "exposure" || loc.ArtifactLocation.URI != "Dockerfile" || loc.Region.StartLine != 3 || loc.Region.StartColumn != 1 || loc.Region.EndColumn != 30 || len(res.Fixes) != 1 {
		t.Errorf("SARIF result %+v, want rule exposure at Dockerfile 3:1-3:30 with a fix", res)
	}

	// -fix -diff prints, -fix applies, and a second -fix changes nothing.
	r = run(t, command(bin, dir, "-fix", "-diff", "Dockerfile"))
	if !strings.Contains(r.stdout, `+CMD ["memcached", "-m", "64", "-l", "127.0.0.1"]`) {
		t.Errorf("cachevet -fix -diff Dockerfile:\n%s%s", r.stdout, r.stderr)
	}
	for i := range 2 {
		if r := run(t, command(bin, dir, "-fix", "Dockerfile", "deploy/compose.yaml")); r.code != 0 {
			t.Fatalf("cachevet -fix (run %d): exit %d\n%s", i+1, r.code, r.stderr)
		}
		data, _ := os.ReadFile(dockerfile)
		if want := "FROM alpine:3.20\nRUN apk add memcached\nCMD [\"memcached\", \"-m\", \"64\", \"-l\", \"127.0.0.1\"]\n"; string(data) != want {
			t.Errorf("Dockerfile after -fix run %d:\n%s\nwant\n%s", i+1, data, want)
		}
	}
	if r := run(t, command(bin, dir, "./...")); r.code != 0 {
		t.Errorf("cachevet ./... after -fix: exit %d, want 0\n%s", r.code, r.stderr)
	}
}
