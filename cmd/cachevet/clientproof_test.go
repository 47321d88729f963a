package main

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
)

// TestClientProof proves, for every memcache client cachevet describes,
// that the code it reports is harmful with that client and that the code
// its fixes produce is not. It runs the module in testdata/clientproof
// (see its README.md):
//
//  1. cachevet on it reports each finding of clientproofWant;
//  2. the module's harm tests, with CLIENTPROOF_EXPECT=harm, drive each
//     real client library with a hostile id against the reference server
//     and real memcached and see the damage from the server side, and
//     the same tests expecting no harm fail on that code;
//  3. cachevet -fix rewrites a copy, which must build and pass go vet;
//  4. the harm tests, run on the fixed copy with CLIENTPROOF_EXPECT=fixed,
//     must see no damage and ordinary ids still cached.
//
// Watch it with
//
//	go test ./cmd/cachevet -run ClientProof -v

const clientproofDir = "../../testdata/clientproof"

// A clientproofFinding is one expected diagnostic: analyzer on the one
// line of clients/<file> holding source. client names the client, as its
// harm tests are named (TestKklis...).
type clientproofFinding struct {
	client   string
	file     string
	analyzer string
	source   string
}

func (f clientproofFinding) String() string {
	return fmt.Sprintf("clients/%s (the line with %s): %s", f.file, f.source, f.analyzer)
}

// clientproofWant lists every flagged call of the application: each
// handler's key-taking call, for keyinjection, and for keylength where
// the key is a single string built from the unbounded id (the elements of
// a list of keys, a slice literal or variadic arguments, are not measured).
var clientproofWant = func() []clientproofFinding {
	var want []clientproofFinding
	for _, c := range []struct {
		client, file     string
		bounded, unbound []string // calls with keyinjection only, with keylength too
	}{
		{"Bradfitz", "bradfitz.go", []string{`a.MC.GetMulti([]string{"user:" + id})`}, []string{`a.MC.Get("user:" + id)`, `a.MC.Set(&memcache.Item{Key: "user:" + id`}},
		{"Grafana", "grafana.go", []string{`a.MC.GetMulti(r.Context(), []string{"user:" + id})`}, []string{`a.MC.Get("user:" + id)`, `a.MC.Set(&memcache.Item{Key: "user:" + id`}},
		{"Grobie", "grobie.go", []string{`a.MC.GetMulti([]string{"user:" + id})`}, []string{`a.MC.Get("user:" + id)`, `a.MC.Set(&memcache.Item{Key: "user:" + id`}},
		{"Kklis", "kklis.go", []string{`a.MC.GetMulti("user:" + id)`}, []string{`a.MC.Get("user:" + id)`, `a.MC.Set("user:"+id,`}},
		{"Yeqown", "yeqown.go", []string{`a.MC.Gets(r.Context(), "user:"+id)`}, []string{`a.MC.Get(r.Context(), "user:"+id)`, `a.MC.MetaGet(r.Context(), []byte("user:"+id)`, `a.MC.Set(context.Background(), "user:"+id,`}},
		{"QuangTung", "quangtung97.go", nil, []string{`p.MGet("user:"+id,`, `p.MSet("user:"+id,`, `p.MDel("user:"+id,`}},
		{"Rainycape", "rainycape.go", []string{`a.MC.GetMulti([]string{"user:" + id})`}, []string{`a.MC.Get("user:" + id)`, `a.MC.Set(&memcache.Item{Key: "user:" + id`}},
		{"Memcachier", "memcachier.go", nil, []string{`a.MC.Get("user:" + id)`, `a.MC.Set("user:"+id,`}},
		{"Couchbase", "couchbase.go", []string{`a.MC.GetBulk(0, []string{"user:" + id}`}, []string{`a.MC.Get(0, "user:"+id)`, `a.MC.Set(0, "user:"+id,`}},
		{"Godropbox", "godropbox.go", []string{`a.MC.GetMulti([]string{"user:" + id})`}, []string{`a.MC.Get("user:" + id)`, `a.MC.Set(&memcache.Item{Key: "user:" + id`}},
	} {
		for _, src := range c.bounded {
			want = append(want, clientproofFinding{c.client, c.file, "keyinjection", src})
		}
		for _, src := range c.unbound {
			want = append(want, clientproofFinding{c.client, c.file, "keyinjection", src},
				clientproofFinding{c.client, c.file, "keylength", src})
		}
	}
	// App Engine's memcache is an RPC: no command line to inject into, so
	// keylength only.
	for _, src := range []string{`memcache.Get(r.Context(), "user:"+id)`, `memcache.Set(r.Context(), &memcache.Item{Key: "user:" + id`} {
		want = append(want, clientproofFinding{"AppEngine", "appengine.go", "keylength", src})
	}
	return want
}()

// clientproofKnownBugs are harm tests that fail on the fixed copy because
// of a cachevet bug, with the bug; they are not run there.
var clientproofKnownBugs = func() map[string]string {
	const multiMismatch = "the multi-get fix hashes each whole key, Set's fix hashes the unbounded part: what Save stores under user:<sha256(id)>, LoadMulti looks for under <sha256(user:id)>, so nothing saved is ever read back"
	bugs := map[string]string{}
	for _, test := range []string{"TestBradfitzLoadMultiBypass", "TestGrafanaLoadMultiBypass", "TestGrobieLoadMultiBypass",
		"TestRainycapeLoadMultiLongKey", "TestCouchbaseLoadMultiLongKey", "TestGodropboxLoadMultiBypass", "TestAppEngineLoadMultiUnvalidatedKeys"} {
		bugs[test] = multiMismatch
	}
	return bugs
}()

func TestClientProof(t *testing.T) {
	bin, goBin := buildCachevet(t)
	root, err := filepath.Abs("../..")
	if err != nil {
		t.Fatal(err)
	}

	t.Run("Report", func(t *testing.T) {
		valParallel(t)
		dir := moduleCopy(t, clientproofDir, root)
		got := moduleFindings(t, dir, bin, "./...")
		for _, d := range got {
			t.Logf("cachevet: %s", d)
		}
		clientproofMatch(t, dir, got)
	})

	t.Run("HarmVulnerable", func(t *testing.T) {
		valParallel(t)
		dir := moduleCopy(t, clientproofDir, root)
		out := clientproofGoTest(t, goBin, dir, "harm", "")
		if t.Failed() {
			return
		}
		// The harm tests discriminate: told to expect no harm, each of them
		// fails on the vulnerable code.
		cmd := command(goBin, dir, "test", "-count=1", "-v", "./...")
		cmd.Env = append(cmd.Env, "CLIENTPROOF_EXPECT=fixed")
		res := run(t, cmd)
		for _, name := range clientproofTests(out) {
			if !strings.Contains(res.stdout, "--- FAIL: "+name+" ") {
				t.Errorf("%s expecting no harm passes on the vulnerable code", name)
			}
		}
	})

	t.Run("FixedIsSafe", func(t *testing.T) {
		valParallel(t)
		dir := moduleCopy(t, clientproofDir, root)
		res := run(t, command(bin, dir, "-fix", "./..."))
		if res.code != 0 && res.code != 3 {
			t.Fatalf("cachevet -fix exited %d\n%s", res.code, res.stderr)
		}
		for _, args := range [][]string{{"build", "./..."}, {"vet", "./..."}} {
			if out, err := command(goBin, dir, args...).CombinedOutput(); err != nil {
				t.Fatalf("go %s on the fixed copy: %v\n%s", args[0], err, out)
			}
		}
		for _, d := range moduleFindings(t, dir, bin, "./...") {
			t.Logf("after -fix, still reported: %s", d)
		}
		var skip []string
		for name, bug := range clientproofKnownBugs {
			t.Logf("KNOWN BUG: %s is not run on the fixed copy: %s", name, bug)
			skip = append(skip, name+"$")
		}
		clientproofGoTest(t, goBin, dir, "fixed", "^("+strings.Join(skip, "|")+")")
	})
}

// clientproofMatch checks the report got against clientproofWant: each
// expected finding present, and no finding on a line no expectation
// names.
func clientproofMatch(t *testing.T, dir string, got []valDiag) {
	t.Helper()
	wantLines := map[string][]int{} // file -> lines with expectations
	for _, w := range clientproofWant {
		rel := "clients/" + w.file
		src, err := os.ReadFile(filepath.Join(dir, rel))
		if err != nil {
			t.Fatal(err)
		}
		line := lineOf(t, rel, string(src), w.source)
		if line == 0 {
			t.Errorf("no line of %s holds %q: update clientproofWant", rel, w.source)
			continue
		}
		wantLines[rel] = append(wantLines[rel], line)
		if slices.ContainsFunc(got, func(d valDiag) bool { return d.file == rel && d.line == line && d.analyzer == w.analyzer }) {
			continue
		}
		t.Errorf("missing finding at %s:%d: %s", rel, line, w)
	}
	for _, d := range got {
		if !slices.Contains(wantLines[d.file], d.line) {
			t.Errorf("unexpected finding %s", d)
		}
	}
}

// clientproofGoTest runs the module's harm tests in dir expecting "harm"
// or "fixed", skipping the tests that skip matches, and returns their
// verbose output. A memcached subtest may skip only when memcached is not
// installed.
func clientproofGoTest(t *testing.T, goBin, dir, expect, skip string) string {
	t.Helper()
	args := []string{"test", "-count=1", "-v", "./..."}
	if skip != "" {
		args = append(args, "-skip", skip)
	}
	cmd := command(goBin, dir, args...)
	cmd.Env = append(cmd.Env, "CLIENTPROOF_EXPECT="+expect)
	res := run(t, cmd)
	out := res.stdout + res.stderr
	if testing.Verbose() {
		for _, l := range strings.Split(strings.TrimRight(out, "\n"), "\n") {
			if !strings.HasPrefix(l, "=== PAUSE") && !strings.HasPrefix(l, "=== CONT") {
				t.Log(l)
			}
		}
	}
	if res.code != 0 {
		if !testing.Verbose() {
			t.Log(out)
		}
		t.Fatalf("go test with CLIENTPROOF_EXPECT=%s exited %d", expect, res.code)
	}
	if len(clientproofTests(out)) == 0 {
		t.Errorf("go test with CLIENTPROOF_EXPECT=%s ran no harm test:\n%s", expect, out)
	}
	if _, err := exec.LookPath("memcached"); err == nil && strings.Contains(out, "--- SKIP: ") {
		t.Errorf("go test with CLIENTPROOF_EXPECT=%s skipped a test although memcached is installed", expect)
	}
	return out
}

var clientproofPassRE = regexp.MustCompile(`(?m)^--- PASS: (Test\w+) `)

// clientproofTests returns the top-level tests that passed in out.
func clientproofTests(out string) []string {
	var names []string
	for _, m := range clientproofPassRE.FindAllStringSubmatch(out, -1) {
		names = append(names, m[1])
	}
	return names
}
