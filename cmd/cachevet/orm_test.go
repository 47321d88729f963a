package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestORMCaches runs cachevet and the end-to-end leak tests on the module
// in testdata/orm, built on the real gorm, go-gorm/caches, glebarez/sqlite,
// ent and entcache: a user service whose memcached-backed Cacher stores
// every query's rows (leaky), the same service fixed (fixed), a Cacher
// that passes gorm-caches' key, SQL text and all, to memcached (rawkey),
// and an ent service whose entcache level is memcached (entsvc, with the
// code entc v0.14.5 generated for its schema checked in).
//
//  1. cachevet reports exactly ormWant;
//
//  2. the module's tests run the services against the reference server
//     (and real memcached when installed) and, as an unauthenticated
//     stranger, list the keys with lru_crawler metadump all and get them:
//     leaky's and entsvc's password hashes and e-mail addresses are read
//     back, fixed's are not, although its profiles are cached.
//
//     go test ./cmd/cachevet -run ORMCaches -v
func TestORMCaches(t *testing.T) {
	bin, goBin := buildCachevet(t)
	root, err := filepath.Abs("../..")
	if err != nil {
		t.Fatal(err)
	}
	dir := moduleCopy(t, "../../testdata/orm", root)

	got := moduleFindings(t, dir, bin, "./...")
	for _, d := range got {
		t.Logf("cachevet: %s", d)
	}
	matchFindings(t, dir, got, ormWant)

	res := run(t, command(goBin, dir, "test", "-count=1", "-v", "./..."))
	for _, l := range strings.Split(res.stdout, "\n") {
		if strings.Contains(l, "LEAK:") || strings.HasPrefix(l, "--- ") || strings.HasPrefix(l, "    --- ") {
			t.Log(strings.TrimSpace(l))
		}
	}
	if res.code != 0 {
		t.Fatalf("go test in testdata/orm exited %d\n%s%s", res.code, res.stdout, res.stderr)
	}
	for _, pkg := range []string{"leaky", "fixed", "entsvc"} {
		if !strings.Contains(res.stdout, "ok  \texample.com/orm/"+pkg) {
			t.Errorf("the end-to-end test of %s did not pass:\n%s", pkg, res.stdout)
		}
	}
}

// An ormFinding is one expected diagnostic, on the one line of file that
// holds source.
type ormFinding struct {
	file, analyzer, message, source string
}

var ormWant = []ormFinding{
	{"leaky/service.go", "sensitivedata", "(*gorm.DB).First reads User rows, which gorm-caches caches through (*memcacher.Cacher).Store into memcached ((*memcache.Client).Set): they hold User.Email and User.PasswordHash (encoding/json)", "s.db.First(&u, id)"},
	{"leaky/service.go", "sensitivedata", "(*gorm.DB).Find reads User rows", "Find(&us)"},
	{"entsvc/service.go", "sensitivedata", "(*ent.UserQuery).Only reads ent.User rows, which entcache caches through (*Level).Add into memcached ((*memcache.Client).Set): they hold User.Email, User.PasswordHash and User.Pin (raw columns (encoding/gob))", ".Only(ctx)"},
	{"rawkey/cacher.go", "keyinjection", `the gorm-caches key ("gorm-caches::" + the query's SQL text + "-" + its arguments) reaches the memcache key of (*memcache.Client).Get unescaped`, "c.MC.Get(key)"},
	{"rawkey/cacher.go", "keylength", "the memcache key of (*memcache.Client).Get may be unbounded bytes (the gorm-caches key", "c.MC.Get(key)"},
	{"rawkey/cacher.go", "keyinjection", "the gorm-caches key", "Key: key, Value: b"},
	{"rawkey/cacher.go", "keylength", "the memcache key of (*memcache.Client).Set may be unbounded bytes", "Key: key, Value: b"},
}

// matchFindings asserts that got is exactly want.
func matchFindings(t *testing.T, dir string, got []valDiag, want []ormFinding) {
	t.Helper()
	used := make([]bool, len(got))
	for _, w := range want {
		src, err := os.ReadFile(filepath.Join(dir, w.file))
		if err != nil {
			t.Fatal(err)
		}
		line := lineOf(t, w.file, string(src), w.source)
		if line == 0 {
			t.Errorf("no line of %s holds %q", w.file, w.source)
			continue
		}
		found := false
		for i, d := range got {
			if !used[i] && d.file == w.file && d.line == line && d.analyzer == w.analyzer && strings.Contains(d.message, w.message) {
				used[i], found = true, true
				break
			}
		}
		if !found {
			t.Errorf("missing finding at %s:%d: %s: ...%s...", w.file, line, w.analyzer, w.message)
		}
	}
	for i, d := range got {
		if !used[i] {
			t.Errorf("unexpected finding %s", d)
		}
	}
}
