package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"go/token"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/cachevet/cachevet/analyzers"
	"github.com/santhosh-tekuri/jsonschema/v6"
)

// sarifSchema is the official SARIF 2.1.0 schema (OASIS errata01,
// https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json),
// copied from securego/gosec v2.29.0's report/sarif/testdata.
const sarifSchema = "testdata/sarif-schema-2.1.0.json"

// The subset of SARIF the test looks at.
type sarifLog struct {
	Version string `json:"version"`
	Runs    []struct {
		Tool struct {
			Driver struct {
				Name    string `json:"name"`
				Version string `json:"version"`
				Rules   []struct {
					ID               string    `json:"id"`
					ShortDescription sarifText `json:"shortDescription"`
					FullDescription  sarifText `json:"fullDescription"`
					Help             sarifText `json:"help"`
					HelpURI          string    `json:"helpUri"`
				} `json:"rules"`
			} `json:"driver"`
		} `json:"tool"`
		OriginalURIBaseIDs map[string]struct {
			URI string `json:"uri"`
		} `json:"originalUriBaseIds"`
		Invocations []struct {
			ExecutionSuccessful bool `json:"executionSuccessful"`
		} `json:"invocations"`
		Results []sarifResult `json:"results"`
	} `json:"runs"`
}

type sarifText struct {
	Text string `json:"text"`
}

type sarifResult struct {
	RuleID           string          `json:"ruleId"`
	RuleIndex        int             `json:"ruleIndex"`
	Level            string          `json:"level"`
	Message          sarifText       `json:"message"`
	Locations        []sarifLocation `json:"locations"`
	RelatedLocations []sarifLocation `json:"relatedLocations"`
	CodeFlows        []struct {
		ThreadFlows []struct {
			Locations []struct {
				Location sarifLocation `json:"location"`
			} `json:"locations"`
		} `json:"threadFlows"`
	} `json:"codeFlows"`
	Fixes []struct {
		Description     sarifText `json:"description"`
		ArtifactChanges []struct {
			ArtifactLocation sarifArtifact `json:"artifactLocation"`
			Replacements     []struct {
				DeletedRegion   sarifRegion `json:"deletedRegion"`
				InsertedContent sarifText   `json:"insertedContent"`
			} `json:"replacements"`
		} `json:"artifactChanges"`
	} `json:"fixes"`
}

type sarifLocation struct {
	ID               int       `json:"id"`
	Message          sarifText `json:"message"`
	PhysicalLocation struct {
		ArtifactLocation sarifArtifact `json:"artifactLocation"`
		Region           sarifRegion   `json:"region"`
	} `json:"physicalLocation"`
}

type sarifArtifact struct {
	URI       string `json:"uri"`
	URIBaseID string `json:"uriBaseId"`
}

type sarifRegion struct {
	StartLine   int `json:"startLine"`
	StartColumn int `json:"startColumn"`
	EndLine     int `json:"endLine"`
	EndColumn   int `json:"endColumn"`
	ByteOffset  int `json:"byteOffset"`
	ByteLength  int `json:"byteLength"`
}

// posn is the start of a location as "file:line:col", as -json writes it.
func (l sarifLocation) posn() string {
	return fmt.Sprintf("%s:%d:%d", l.PhysicalLocation.ArtifactLocation.URI,
		l.PhysicalLocation.Region.StartLine, l.PhysicalLocation.Region.StartColumn)
}

// validateSARIF checks a log against the official schema, formats
// included.
func validateSARIF(t *testing.T, data []byte) {
	t.Helper()
	if err := checkSARIFSchema(data); err != nil {
		t.Fatalf("the SARIF output does not follow the SARIF 2.1.0 schema: %v", err)
	}
}

func checkSARIFSchema(data []byte) error {
	f, err := os.Open(sarifSchema)
	if err != nil {
		return err
	}
	defer f.Close()
	schemaDoc, err := jsonschema.UnmarshalJSON(f)
	if err != nil {
		return err
	}
	c := jsonschema.NewCompiler()
	c.AssertFormat()
	const url = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
	if err := c.AddResource(url, schemaDoc); err != nil {
		return err
	}
	schema, err := c.Compile(url)
	if err != nil {
		return err
	}
	inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(data))
	if err != nil {
		return fmt.Errorf("not JSON: %v", err)
	}
	return schema.Validate(inst)
}

// The validator does reject what SARIF forbids.
func TestSARIFSchemaRejects(t *testing.T) {
	const ok = `{"version": "2.1.0", "runs": [{"tool": {"driver": {"name": "cachevet"}}, "results": [%s]}]}`
	if err := checkSARIFSchema(fmt.Appendf(nil, ok, `{"message": {"text": "m"}, "level": "warning"}`)); err != nil {
		t.Fatalf("a valid log: %v", err)
	}
	for _, bad := range []string{
		`{"message": {"text": "m"}, "level": "fatal"}`,
		`{"level": "warning"}`,
		`{"message": {"text": "m"}, "locations": [{"physicalLocation": {"region": {"startLine": 0}}}]}`,
		`{"message": {"text": "m"}, "fixes": [{"artifactChanges": []}]}`,
	} {
		if err := checkSARIFSchema(fmt.Appendf(nil, ok, bad)); err == nil {
			t.Errorf("the schema accepts the result %s", bad)
		}
	}
}

func TestSARIF(t *testing.T) {
	bin, _ := buildCachevet(t)
	dir := copyFixture(t)

	res := run(t, command(bin, dir, "-sarif", "./..."))
	if res.code != 0 {
		t.Fatalf("cachevet -sarif exited %d, want 0\nstderr:\n%s", res.code, res.stderr)
	}
	if res.stderr != "" {
		t.Errorf("cachevet -sarif wrote to stderr:\n%s", res.stderr)
	}
	data := []byte(res.stdout)
	validateSARIF(t, data)

	var log sarifLog
	if err := json.Unmarshal(data, &log); err != nil {
		t.Fatal(err)
	}
	if log.Version != "2.1.0" || len(log.Runs) != 1 {
		t.Fatalf("version %q with %d runs, want 2.1.0 with one", log.Version, len(log.Runs))
	}
	runLog := log.Runs[0]
	driver := runLog.Tool.Driver
	if driver.Name != "cachevet" || driver.Version == "" {
		t.Errorf("tool driver %q version %q", driver.Name, driver.Version)
	}
	if len(runLog.Invocations) != 1 || !runLog.Invocations[0].ExecutionSuccessful {
		t.Errorf("invocations = %+v, want one successful", runLog.Invocations)
	}
	if base := runLog.OriginalURIBaseIDs[srcRoot].URI; base != dirURI(dir) {
		t.Errorf("%s is %q, want %q", srcRoot, base, dirURI(dir))
	}

	// One rule per analyzer, described by its documentation.
	all := analyzers.All()
	if len(driver.Rules) != len(all) {
		t.Fatalf("%d rules, want one per analyzer (%d)", len(driver.Rules), len(all))
	}
	for i, a := range all {
		r := driver.Rules[i]
		short, _, _ := strings.Cut(a.Doc, "\n")
		if r.ID != a.Name || r.ShortDescription.Text != short || r.FullDescription.Text != a.Doc ||
			r.Help.Text != a.Doc || r.HelpURI != a.URL || a.URL == "" {
			t.Errorf("rule %d = %q %q help %q, want %s %q %q", i, r.ID, r.ShortDescription.Text, r.HelpURI, a.Name, short, a.URL)
		}
	}

	// The results are the findings of -json, with their related
	// information and fixes.
	findings := parseJSON(t, dir, run(t, command(bin, dir, "-json", "./...")).stdout)
	byKey := map[string]finding{}
	for _, f := range findings {
		byKey[f.Analyzer+" "+f.Posn+" "+f.Message] = f
	}
	if len(runLog.Results) != len(findings) {
		t.Errorf("%d results, want the %d findings of -json", len(runLog.Results), len(findings))
	}
	var wrapperFlow, multiEditFix bool
	for _, r := range runLog.Results {
		if len(r.Locations) != 1 {
			t.Errorf("%s: %d locations, want 1", r.RuleID, len(r.Locations))
			continue
		}
		loc := r.Locations[0]
		name := r.RuleID + " " + loc.posn()
		f, ok := byKey[r.RuleID+" "+loc.posn()+" "+r.Message.Text]
		if !ok {
			t.Errorf("result %s: %s is no finding of -json", name, r.Message.Text)
			continue
		}
		if r.Level != "warning" || driver.Rules[r.RuleIndex].ID != r.RuleID {
			t.Errorf("%s: level %q, ruleIndex %d", name, r.Level, r.RuleIndex)
		}
		art := loc.PhysicalLocation.ArtifactLocation
		if art.URIBaseID != srcRoot || filepath.IsAbs(art.URI) {
			t.Errorf("%s: artifact %+v, want a path relative to %s", name, art, srcRoot)
		}
		if _, err := os.Stat(filepath.Join(dir, filepath.FromSlash(art.URI))); err != nil {
			t.Errorf("%s: %v", name, err)
		}
		if end := loc.PhysicalLocation.Region; f.End != "" && fmt.Sprintf("%s:%d:%d", art.URI, end.EndLine, end.EndColumn) != f.End {
			t.Errorf("%s: region ends at %d:%d, -json says %s", name, end.EndLine, end.EndColumn, f.End)
		}

		// relatedLocations and the code flow through them to the sink.
		if len(r.RelatedLocations) != len(f.Related) {
			t.Errorf("%s: %d related locations, -json has %d", name, len(r.RelatedLocations), len(f.Related))
			continue
		}
		var want []string
		for i, rel := range r.RelatedLocations {
			if rel.posn() != f.Related[i].Posn || rel.Message.Text != f.Related[i].Message {
				t.Errorf("%s: related location %d is %s %q, -json has %s %q", name, i, rel.posn(), rel.Message.Text, f.Related[i].Posn, f.Related[i].Message)
			}
			want = append(want, rel.posn()+" "+rel.Message.Text)
		}
		if len(f.Related) == 0 {
			if len(r.CodeFlows) != 0 {
				t.Errorf("%s: a code flow without related information", name)
			}
		} else {
			want = append(want, loc.posn()+" "+r.Message.Text)
			if len(r.CodeFlows) != 1 || len(r.CodeFlows[0].ThreadFlows) != 1 {
				t.Errorf("%s: %d code flows, want one with one thread flow", name, len(r.CodeFlows))
				continue
			}
			var got []string
			for _, step := range r.CodeFlows[0].ThreadFlows[0].Locations {
				got = append(got, step.Location.posn()+" "+step.Location.Message.Text)
			}
			if !slices.Equal(got, want) {
				t.Errorf("%s: code flow\n\t%s\nwant\n\t%s", name, strings.Join(got, "\n\t"), strings.Join(want, "\n\t"))
			}
			// A wrapper finding: the flow goes from the handler through
			// store.(*Store).Profile, in another file, to the sink.
			if r.RuleID == "keyinjection" && loc.posn() == "api/api.go:25:28" && len(got) == 3 &&
				slices.Equal(got[:2], []string{
					"api/api.go:25:30 untrusted data enters here: the request URL (r.URL)",
					"store/store.go:20:17 (*store.Store).Profile puts this argument into (*memcache.Client).Get",
				}) {
				wrapperFlow = true
			}
		}

		// Fixes: the same edits as -json's, by offset and by line and column.
		if len(r.Fixes) != len(f.Fixes) {
			t.Errorf("%s: %d fixes, -json has %d", name, len(r.Fixes), len(f.Fixes))
			continue
		}
		for i, fix := range r.Fixes {
			jf := f.Fixes[i]
			if fix.Description.Text != jf.Message {
				t.Errorf("%s: fix %q, -json says %q", name, fix.Description.Text, jf.Message)
			}
			var got, want []string
			for _, ch := range fix.ArtifactChanges {
				if ch.ArtifactLocation.URIBaseID != srcRoot {
					t.Errorf("%s: fix changes %+v", name, ch.ArtifactLocation)
				}
				src, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(ch.ArtifactLocation.URI)))
				if err != nil {
					t.Fatal(err)
				}
				for _, rep := range ch.Replacements {
					reg := rep.DeletedRegion
					got = append(got, fmt.Sprintf("%s %d-%d %q", ch.ArtifactLocation.URI, reg.ByteOffset, reg.ByteOffset+reg.ByteLength, rep.InsertedContent.Text))
					if s, e := lineCol(src, reg.ByteOffset), lineCol(src, reg.ByteOffset+reg.ByteLength); s != [2]int{reg.StartLine, reg.StartColumn} || e != [2]int{reg.EndLine, reg.EndColumn} {
						t.Errorf("%s: deleted region %+v, its offsets are at %v-%v", name, reg, s, e)
					}
				}
			}
			for _, e := range jf.Edits {
				want = append(want, fmt.Sprintf("%s %d-%d %q", e.Filename, e.Start, e.End, e.New))
			}
			slices.Sort(got)
			slices.Sort(want)
			if !slices.Equal(got, want) {
				t.Errorf("%s: fix replaces\n\t%s\n-json edits\n\t%s", name, strings.Join(got, "\n\t"), strings.Join(want, "\n\t"))
			}
			if len(fix.ArtifactChanges) > 0 && len(fix.ArtifactChanges[0].Replacements) > 1 {
				multiEditFix = true
			}
		}
	}
	if !wrapperFlow {
		t.Error("no keyinjection result at api/api.go:25:28 with a code flow through store.(*Store).Profile")
	}
	if !multiEditFix {
		t.Error("no result with a fix of several replacements")
	}

	// -sarif=FILE writes the same log to FILE.
	out := filepath.Join(t.TempDir(), "cachevet.sarif")
	if res := run(t, command(bin, dir, "-sarif="+out, "./...")); res.code != 0 || res.stdout != "" {
		t.Errorf("cachevet -sarif=FILE exited %d, stdout %q\nstderr:\n%s", res.code, res.stdout, res.stderr)
	}
	if got, err := os.ReadFile(out); err != nil || string(got) != string(data) {
		t.Errorf("-sarif=FILE wrote another log than -sarif (err %v)", err)
	}

	// -sarif is an output format of its own.
	if res := run(t, command(bin, dir, "-sarif", "-json", "./...")); res.code != 1 || !strings.Contains(res.stderr, "-sarif cannot be combined") {
		t.Errorf("cachevet -sarif -json exited %d\nstderr:\n%s", res.code, res.stderr)
	}
	// Analyzer selection works as without -sarif.
	res = run(t, command(bin, dir, "-sarif", "-exposure", "./..."))
	var only sarifLog
	if err := json.Unmarshal([]byte(res.stdout), &only); err != nil || res.code != 0 {
		t.Fatalf("cachevet -sarif -exposure exited %d: %v\n%s", res.code, err, res.stderr)
	}
	if r := only.Runs[0]; len(r.Tool.Driver.Rules) != 1 || len(r.Results) == 0 || slices.ContainsFunc(r.Results, func(r sarifResult) bool { return r.RuleID != "exposure" }) {
		t.Errorf("cachevet -sarif -exposure: %d rules, %d results, want exposure's only", len(r.Tool.Driver.Rules), len(r.Results))
	}
}

// A package that does not load gives exit code 1, the errors on stderr
// and in the log's notifications.
func TestSARIFLoadError(t *testing.T) {
	bin, _ := buildCachevet(t)
	dir := copyDir(t, configFixture)
	writeFile(t, filepath.Join(dir, "broken.go"), "package app\n\nvar x int = \"s\"\n")
	res := run(t, command(bin, dir, "-sarif", "./..."))
	if res.code != 1 || !strings.Contains(res.stderr, "broken.go:3") {
		t.Fatalf("cachevet -sarif on a package with a type error exited %d, want 1\nstderr:\n%s", res.code, res.stderr)
	}
	validateSARIF(t, []byte(res.stdout))
	if !strings.Contains(res.stdout, `"executionSuccessful": false`) || !strings.Contains(res.stdout, "broken.go:3") {
		t.Errorf("the log does not report the failure:\n%s", res.stdout)
	}
	if res := run(t, command(bin, dir, "-sarif", "./nosuchdir")); res.code != 1 {
		t.Errorf("cachevet -sarif ./nosuchdir exited %d, want 1\nstderr:\n%s", res.code, res.stderr)
	}
}

// lineCol is the line and UTF-16 column of a byte offset.
func lineCol(src []byte, off int) [2]int {
	line := 1 + bytes.Count(src[:off], []byte("\n"))
	start := bytes.LastIndexByte(src[:off], '\n') + 1
	col := 1
	for _, r := range string(src[start:off]) {
		col++
		if r >= 0x10000 {
			col++
		}
	}
	return [2]int{line, col}
}

func TestSARIFColumnsAreUTF16(t *testing.T) {
	file := filepath.Join(t.TempDir(), "x.go")
	src := "package x\n\nvar s = \"é𝄞\" + k\n"
	writeFile(t, file, src)
	b := &sarifBuilder{files: map[string][]byte{}}
	off := strings.LastIndex(src, "k")
	p := token.Position{Filename: file, Offset: off, Line: 3, Column: off - strings.LastIndex(src[:off], "\n")}
	// var s = "é𝄞" + k: 9 ASCII bytes, é is one code unit, 𝄞 two.
	if got, want := b.column(p), len(`var s = "`)+1+2+len(`" + `)+1; got != want {
		t.Errorf("column of k = %d, want %d (byte column %d)", got, want, p.Column)
	}
	if got := lineCol([]byte(src), off); got != [2]int{3, b.column(p)} {
		t.Errorf("lineCol = %v", got)
	}
}

func TestSARIFURIs(t *testing.T) {
	for _, tc := range []struct{ dir, file, want string }{
		{"/src/app", "/src/app/web/a b.go", "web/a%20b.go"},
		{"/src/app", "/src/other/x.go", "file:///src/other/x.go"},
		{"/src/app", "/src/app/x:y.go", "./x:y.go"},
	} {
		b := &sarifBuilder{wd: tc.dir}
		if got := b.artifact(tc.file); *got.URI != tc.want {
			t.Errorf("artifact(%q) in %s = %q, want %q", tc.file, tc.dir, *got.URI, tc.want)
		}
	}
	if got := dirURI("/src/my app"); got != "file:///src/my%20app/" {
		t.Errorf("dirURI = %q", got)
	}
}
