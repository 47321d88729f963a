package main

import (
	"encoding/json"
	"slices"
	"strings"
	"testing"
)

// TestDispatch runs cachevet on testdata/dispatch: a session ID handed to
// a provider interface whose memcache implementation registers itself
// from a package that imports the manager's; a page-cache library that
// builds raw digest keys for the store the application passes; a generic
// manager that keeps its store in a field, keyed by the application's
// request data. Each is reported where the developer acts, with the way
// back to the origin in related information and SARIF code flows,
// standalone and under go vet, where every package is analyzed in a
// process of its own and facts only reach importers; and a handler's read
// of a context key that middleware it does not import stores, reported
// where app wires the two. The in-memory provider and store stay quiet.
func TestDispatch(t *testing.T) {
	bin, goBin := buildCachevet(t)
	dir := copyDir(t, "testdata/dispatch")

	type want struct {
		analyzer, posn, message string
		related                 []string // files:lines the related information must name, in order
	}
	wants := []want{
		{"keyinjection", "app/app.go:38:21", "raw digest bytes (sha1.Sum) in the key that pagecache.CachePage builds puts", []string{"pagecache/pagecache.go:18", "pagecache/pagecache.go:20", "pagecache/pagecache.go:23"}},
		{"keyinjection", "app/app.go:43:13", "request data (r.FormValue) reaches the memcache key of (*memcache.Client).Get through (*manager.Cache[T]).Get and (main.mcStore).Get unescaped", []string{"app/app.go:43", "manager/manager.go:17"}},
		{"keylength", "app/app.go:43:13", "the argument that (*manager.Cache[T]).Get puts into the key of (*memcache.Client).Get may be unbounded bytes", []string{"app/app.go:43", "manager/manager.go:17"}},
		{"keyinjection", "app/app.go:46:31", "request data (r.FormValue), passed by blobs.Blob to Cache.Get reaches the memcache key of (*memcache.Client).Get through (*blobsmc.MC).Get unescaped", []string{"blobs/blobs.go:29", "blobs/blobs.go:29"}},
		{"keylength", "app/app.go:46:31", "the argument that (*blobsmc.MC).Get puts into the key of (*memcache.Client).Get may be 5 + unbounded bytes", []string{"blobs/blobs.go:29", "blobs/blobs.go:29"}},
		{"keyinjection", "app/ctx.go:12:26", `request data (r.FormValue) that ctxmw.WithUser stores under context key example.com/dispatch/ctxkeys.key:0 reaches the memcache key of (*memcache.Client).Get through ctxhandlers.Account unescaped`, []string{"ctxmw/ctxmw.go:14", "ctxhandlers/ctxhandlers.go:17"}},
		{"keyinjection", "sessionsmc/sessionsmc.go:15:24", "a request cookie (r.Cookie), passed by (*sessions.Manager).Start to Provider.SessionRead reaches the memcache key", []string{"sessions/sessions.go:28", "sessions/sessions.go:36"}},
		{"keylength", "sessionsmc/sessionsmc.go:15:24", "the memcache key of (*memcache.Client).Get may be unbounded bytes (a request cookie (r.Cookie), passed by", []string{"sessions/sessions.go:28", "sessions/sessions.go:36"}},
	}
	lineOf := func(posn string) string { // file:line of file:line:col
		return posn[:strings.LastIndex(posn, ":")]
	}
	check := func(t *testing.T, driver string, findings []finding) {
		t.Helper()
		slices.SortFunc(findings, func(a, b finding) int { return strings.Compare(a.Posn+a.Analyzer, b.Posn+b.Analyzer) })
		if len(findings) != len(wants) {
			for _, f := range findings {
				t.Logf("%s %s: %s", f.Analyzer, f.Posn, f.Message)
			}
			t.Fatalf("%s: %d findings, want %d", driver, len(findings), len(wants))
		}
		for i, w := range wants {
			f := findings[i]
			if f.Analyzer != w.analyzer || f.Posn != w.posn || !strings.HasPrefix(f.Message, w.message) {
				t.Errorf("%s: finding %d is %s %s: %s\nwant %s %s: %s...", driver, i, f.Analyzer, f.Posn, f.Message, w.analyzer, w.posn, w.message)
				continue
			}
			var rel []string
			for _, r := range f.Related {
				rel = append(rel, lineOf(r.Posn))
			}
			if !slices.Equal(rel, w.related) {
				t.Errorf("%s: finding %d relates %q, want %q", driver, i, rel, w.related)
			}
		}
	}

	t.Run("Standalone", func(t *testing.T) {
		res := run(t, command(bin, dir, "-json", "./..."))
		if res.code != 0 {
			t.Fatalf("cachevet -json exited %d\nstderr:\n%s", res.code, res.stderr)
		}
		check(t, "cachevet", parseJSON(t, dir, res.stdout))
	})

	// go vet does not vet an importer of a package with findings in the
	// same run, so each package is vetted on its own, before its
	// importers: the go command caches the silent run that computes a
	// dependency's facts and would replay it for the package itself.
	t.Run("GoVet", func(t *testing.T) {
		var all []finding
		for _, pkg := range []string{"./sessions", "./pagecache", "./manager", "./sessionsmem", "./sessionsmc", "./ctxkeys", "./ctxmw", "./ctxhandlers", "./app"} {
			res := run(t, command(goBin, dir, "vet", "-vettool="+bin, "-json", pkg))
			for _, f := range parseJSON(t, dir, res.stdout) {
				if "./"+strings.TrimPrefix(f.Package, "example.com/dispatch/") == pkg {
					all = append(all, f)
				}
			}
		}
		check(t, "go vet", all)
	})

	t.Run("SARIF", func(t *testing.T) {
		res := run(t, command(bin, dir, "-sarif", "./..."))
		if res.code != 0 {
			t.Fatalf("cachevet -sarif exited %d\nstderr:\n%s", res.code, res.stderr)
		}
		var log sarifLog
		if err := json.Unmarshal([]byte(res.stdout), &log); err != nil {
			t.Fatal(err)
		}
		flows := 0
		for _, r := range log.Runs[0].Results {
			if len(r.CodeFlows) == 0 {
				t.Errorf("%s at %s has no code flow", r.RuleID, r.Locations[0].posn())
				continue
			}
			var steps []string
			for _, l := range r.CodeFlows[0].ThreadFlows[0].Locations {
				steps = append(steps, l.Location.posn())
			}
			for _, w := range wants {
				if w.analyzer == r.RuleID && strings.HasPrefix(r.Locations[0].posn(), lineOf(w.posn)) {
					flows++
					if len(steps) != len(w.related)+1 || !strings.HasPrefix(steps[1], w.related[1]) {
						t.Errorf("%s at %s flows through %q, want %q and the sink", r.RuleID, r.Locations[0].posn(), steps, w.related)
					}
				}
			}
		}
		if flows != len(wants) {
			t.Errorf("%d of the %d findings in SARIF", flows, len(wants))
		}
	})
}
