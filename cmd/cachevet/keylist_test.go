package main

import (
	"testing"
)

// TestKeyListFixKeepsResults runs the test of testdata/keylist, whose
// Lookup passes request data to GetMulti, before and after cachevet -fix:
// before, keys with a space, CR/LF and 300 bytes reach the cache (the test
// passes expecting harm, and fails expecting none); after, every key sent
// is legal and each item still comes back under the key the caller asked
// for.
func TestKeyListFixKeepsResults(t *testing.T) {
	bin, goBin := buildCachevet(t)
	dir := copyDir(t, keyListDir)
	goTest := func(expect string) result {
		cmd := command(goBin, dir, "test", "-count=1", "./...")
		cmd.Env = append(cmd.Env, "KEYLIST_EXPECT="+expect)
		return run(t, cmd)
	}
	if res := goTest("harm"); res.code != 0 {
		t.Fatalf("the unfixed Lookup sends no illegal key:\n%s%s", res.stdout, res.stderr)
	}
	if res := goTest("fixed"); res.code == 0 {
		t.Fatal("the test expecting no harm passes on the unfixed Lookup: it cannot tell")
	}
	if res := run(t, command(bin, dir, "-fix", "./...")); res.code != 0 {
		t.Fatalf("cachevet -fix exited %d\n%s", res.code, res.stderr)
	}
	if res := goTest("fixed"); res.code != 0 {
		t.Errorf("after -fix:\n%s%s", res.stdout, res.stderr)
	}
	if res := run(t, command(bin, dir, "./...")); res.code != 0 {
		t.Errorf("cachevet still reports after -fix (exit %d):\n%s", res.code, res.stderr)
	}
}

const keyListDir = "../../testdata/keylist"
