package main

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// TestUserClient runs cachevet on testdata/userclient, whose package kv
// is a client library cachevet does not know, with and without its
// description in .cachevet.yaml: described, kv is a client like the
// built-in ones, for all four analyzers and under go vet too.
func TestUserClient(t *testing.T) {
	bin, goBin := buildCachevet(t)
	dir := copyDir(t, "testdata/userclient")
	analyzersOf := func(res result) []string {
		t.Helper()
		if res.code != 0 {
			t.Fatalf("cachevet -json exited %d\nstderr:\n%s", res.code, res.stderr)
		}
		var got []string
		for _, f := range parseJSON(t, dir, res.stdout) {
			got = append(got, f.Analyzer+" "+f.Posn+": "+f.Message)
		}
		slices.Sort(got)
		return got
	}
	if got := analyzersOf(run(t, command(bin, dir, "-json", "./..."))); len(got) != 0 {
		t.Fatalf("without a description, cachevet reports %q", got)
	}

	desc, err := os.ReadFile(filepath.Join(dir, "clients.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	writeFile(t, filepath.Join(dir, configFileName), string(desc))
	got := analyzersOf(run(t, command(bin, dir, "-json", "./...")))
	want := []string{
		"exposure app/app.go:16:21: kv.Dial connects to \"203.0.113.5:11211\", a public address",
		"keyinjection app/app.go:20:35: request data (r.FormValue) reaches the memcache key of (*kv.Store).Fetch unescaped: example/kv sends the key as it is: CR/LF in it ends the command line, so the sender injects memcached commands",
		"keylength app/app.go:20:35: the memcache key of (*kv.Store).Fetch may be 5 + unbounded bytes (request data (r.FormValue)), over memcached's 250-byte limit: memcached rejects the command line",
		"sensitivedata app/app.go:27:35: cached value stored by (*kv.Store).Put contains User.Password (encoding/json)",
	}
	if len(got) != len(want) {
		t.Fatalf("with the description, cachevet reports\n%s\nwant findings starting\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	for i := range want {
		if !strings.HasPrefix(got[i], want[i]) {
			t.Errorf("finding %d is\n%s\nwant it to start\n%s", i, got[i], want[i])
		}
	}

	// go vet reads the same file.
	res := run(t, command(goBin, dir, "vet", "-vettool="+bin, "./..."))
	for _, w := range []string{"example/kv sends the key as it is", "(*kv.Store).Put contains User.Password", "kv.Dial connects to"} {
		if !strings.Contains(res.stderr, w) {
			t.Errorf("go vet with the description does not report %q:\n%s", w, res.stderr)
		}
	}

	// A description that cannot work is refused with its line.
	writeFile(t, filepath.Join(dir, configFileName), strings.Replace(string(desc), "key: 2}", "key: 0}", 1))
	res = run(t, command(bin, dir, "./..."))
	if res.code != 1 || !strings.Contains(res.stderr, "clients[0]: client example/kv: calls[0] (Fetch): key must be the key's parameter") {
		t.Errorf("with a bad description cachevet exited %d\nstderr:\n%s", res.code, res.stderr)
	}
}
