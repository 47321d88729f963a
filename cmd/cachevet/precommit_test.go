package main

import (
	"archive/tar"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"gopkg.in/yaml.v3"
)

// The pre-commit tests check the hooks that .pre-commit-hooks.yaml, at the
// repository root, offers to pre-commit (https://pre-commit.com) users.
//
// TestPreCommitHooksFile checks the file itself. TestPreCommit runs the real
// pre-commit: it makes a throwaway git repository from the fixture module in
// testdata/precommit, whose .pre-commit-config.yaml uses both hooks of this
// repository, and checks that git commit is blocked while the code feeds
// request data into a memcache key and goes through once the code is fixed.
// pre-commit clones a hook repository at a commit, so the test commits
// this repository's HEAD, with the working tree's .pre-commit-hooks.yaml on
// top, to a temporary repository and points the configuration at it; with
// CACHEVET_PRECOMMIT_WORKTREE=1 it commits the whole working tree instead,
// to test uncommitted changes to cachevet too (see preCommitSnapshot).
//
// TestPreCommit needs git, pre-commit, go and bash on PATH and skips without
// them, unless CACHEVET_REQUIRE_TOOLS=1, which turns the skip into a failure.
// It uses the go command's module and build caches (GOMODCACHE, GOCACHE), so
// it runs offline once they are warm. It is skipped in -short mode.

const (
	preCommitFixture = "testdata/precommit"
	preCommitRepo    = "../.." // the repository root, which holds .pre-commit-hooks.yaml
)

// preCommitHook is an entry of .pre-commit-hooks.yaml.
type preCommitHook struct {
	ID            string   `yaml:"id"`
	Name          string   `yaml:"name"`
	Description   string   `yaml:"description"`
	Entry         string   `yaml:"entry"`
	Args          []string `yaml:"args"`
	Language      string   `yaml:"language"`
	PassFilenames *bool    `yaml:"pass_filenames"`
	RequireSerial bool     `yaml:"require_serial"`
	Types         []string `yaml:"types"`
}

func readPreCommitHooks(t *testing.T) map[string]preCommitHook {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(preCommitRepo, ".pre-commit-hooks.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	var hooks []preCommitHook
	dec := yaml.NewDecoder(bytes.NewReader(data))
	if err := dec.Decode(&hooks); err != nil {
		t.Fatalf(".pre-commit-hooks.yaml: %v", err)
	}
	byID := make(map[string]preCommitHook)
	for _, h := range hooks {
		if _, dup := byID[h.ID]; dup {
			t.Errorf(".pre-commit-hooks.yaml: hook id %q is declared twice", h.ID)
		}
		byID[h.ID] = h
	}
	return byID
}

func TestPreCommitHooksFile(t *testing.T) {
	hooks := readPreCommitHooks(t)
	for _, id := range []string{"cachevet", "cachevet-vet"} {
		h, ok := hooks[id]
		if !ok {
			t.Errorf(".pre-commit-hooks.yaml has no hook %q", id)
			continue
		}
		if h.Name == "" || h.Description == "" {
			t.Errorf("hook %s: name and description must be set", id)
		}
		// language golang: pre-commit installs the tool with go install ./...
		// from a clone of this repository, with the system Go.
		if h.Language != "golang" {
			t.Errorf("hook %s: language %q, want golang", id, h.Language)
		}
		// cachevet follows data across packages: check the whole module,
		// once per commit, not the staged files one by one.
		if h.PassFilenames == nil || *h.PassFilenames {
			t.Errorf("hook %s: pass_filenames must be false", id)
		}
		if !h.RequireSerial {
			t.Errorf("hook %s: require_serial must be true", id)
		}
		if strings.Join(h.Args, " ") != "./..." {
			t.Errorf("hook %s: args %q, want [./...]", id, h.Args)
		}
		if strings.Join(h.Types, " ") != "go" {
			t.Errorf("hook %s: types %q, want [go]", id, h.Types)
		}
	}
	if h, ok := hooks["cachevet-deploy"]; !ok {
		t.Error(".pre-commit-hooks.yaml has no hook cachevet-deploy")
	} else if h.Entry != "cachevet" || h.PassFilenames == nil || !*h.PassFilenames || h.Language != "golang" {
		t.Errorf("hook cachevet-deploy: entry %q, pass_filenames %v, language %q; want cachevet, true, golang", h.Entry, h.PassFilenames, h.Language)
	}
	if h := hooks["cachevet"]; h.Entry != "cachevet" {
		t.Errorf("hook cachevet: entry %q, want cachevet", h.Entry)
	}
	if h := hooks["cachevet-vet"]; !strings.Contains(h.Entry, "go vet -vettool=") {
		t.Errorf("hook cachevet-vet: entry %q does not run go vet -vettool=", h.Entry)
	}
}

func TestPreCommit(t *testing.T) {
	// Tools first: a missing tool is a skip, or with CACHEVET_REQUIRE_TOOLS=1
	// (for CI machines that must run this test) a failure.
	require := os.Getenv("CACHEVET_REQUIRE_TOOLS") == "1"
	tools := make(map[string]string)
	for _, name := range []string{"git", "pre-commit", "go", "bash"} {
		path, err := exec.LookPath(name)
		if err != nil {
			msg := fmt.Sprintf("%s is not on PATH; the pre-commit hook test needs git, pre-commit, go and bash", name)
			if require {
				t.Fatalf("CACHEVET_REQUIRE_TOOLS=1: %s", msg)
			}
			t.Skipf("skipping: %s (set CACHEVET_REQUIRE_TOOLS=1 to fail instead)", msg)
		}
		tools[name] = path
	}
	if testing.Short() {
		t.Skip("skipping the pre-commit hook test in -short mode")
	}

	ctx := t.Context()
	if deadline, ok := t.Deadline(); ok {
		// Leave time to report the output of a command that hangs.
		var cancel context.CancelFunc
		ctx, cancel = context.WithDeadline(ctx, deadline.Add(-30*time.Second))
		defer cancel()
	}
	tmp := t.TempDir()
	env := preCommitEnv(t, tools["go"], tmp)
	pc := &preCommitRunner{t: t, ctx: ctx, env: env}

	version := pc.mustRun("", tools["pre-commit"], "--version")
	t.Logf("using %s (%s), %s", strings.TrimSpace(version), tools["pre-commit"],
		strings.TrimSpace(pc.mustRun("", tools["go"], "version")))

	hookRepo, rev := preCommitSnapshot(t, pc, tools["git"], filepath.Join(tmp, "hooks"))
	hooks := readPreCommitHooks(t)

	// The user's repository: the fixture module, configured to use both hooks.
	repo := filepath.Join(tmp, "shop")
	copyPreCommitDir(t, filepath.Join(preCommitFixture, "module"), repo)
	config := fmt.Sprintf(`repos:
  - repo: %q
    rev: %s
    hooks:
      - id: cachevet
      - id: cachevet-vet
      - id: cachevet-deploy
`, hookRepo, rev)
	if err := os.WriteFile(filepath.Join(repo, ".pre-commit-config.yaml"), []byte(config), 0o644); err != nil {
		t.Fatal(err)
	}
	git := func(args ...string) string { return pc.mustRun(repo, tools["git"], args...) }
	git("init", "-q")
	git("config", "user.name", "cachevet test")
	git("config", "user.email", "cachevet-test@example.com")
	git("config", "commit.gpgsign", "false")
	pc.mustRun(repo, tools["pre-commit"], "install")

	// 1. No Go file staged: types [go] skips both hooks. This commit also
	// installs the hook environment (go install ./... of the snapshot).
	git("add", "README.md", ".pre-commit-config.yaml")
	out, err := pc.run(repo, tools["git"], "commit", "-m", "config")
	if err != nil {
		t.Fatalf("git commit of README.md and .pre-commit-config.yaml failed: %v\n%s", err, out)
	}
	for _, id := range []string{"cachevet", "cachevet-vet"} {
		expectHookStatus(t, out, hooks[id].Name, `\(no files to check\)Skipped`)
	}
	// .pre-commit-config.yaml is YAML, neither Compose nor Kubernetes.
	expectHookStatus(t, out, hooks["cachevet-deploy"].Name, `Passed`)
	first := strings.TrimSpace(git("rev-parse", "HEAD"))

	// 2. The vulnerable handler: both hooks fail with the finding and the
	// commit is not made. This is the check that the hooks can fail at all.
	git("add", "go.mod", "go.sum", "handler.go")
	out, err = pc.run(repo, tools["git"], "commit", "-m", "vulnerable handler")
	if err == nil {
		t.Fatalf("git commit of the vulnerable handler succeeded; want it blocked by the hooks\n%s", out)
	}
	for _, id := range []string{"cachevet", "cachevet-vet"} {
		expectHookStatus(t, out, hooks[id].Name, `Failed`)
	}
	// cachevet exits 3 on findings standalone, go vet exits 1.
	for _, want := range []string{"- hook id: cachevet\n- exit code: 3\n", "- hook id: cachevet-vet\n- exit code: 1\n"} {
		if !strings.Contains(out, want) {
			t.Errorf("git commit output lacks %q", want)
		}
	}
	finding := regexp.MustCompile(`handler\.go:15:20: request data \(r\.FormValue\) reaches the memcache key of \(\*memcache\.Client\)\.Get unescaped`)
	if n := len(finding.FindAllString(out, -1)); n != 2 {
		t.Errorf("the keyinjection finding at handler.go:15:20 appears %d times in the output, want 2 (once per hook)", n)
	}
	if n := strings.Count(out, "handler.go:15:20: the memcache key of (*memcache.Client).Get may be unbounded bytes"); n != 2 {
		t.Errorf("the keylength finding at handler.go:15:20 appears %d times in the output, want 2 (once per hook)", n)
	}
	if head := strings.TrimSpace(git("rev-parse", "HEAD")); head != first {
		t.Errorf("HEAD moved from %s to %s: the blocked commit was made", first, head)
	}
	if t.Failed() {
		t.Fatalf("output of the blocked commit:\n%s", out)
	}
	t.Logf("blocked commit output:\n%s", out)

	// 3. The handler bounds and escapes the id: the commit goes through.
	copyPreCommitDir(t, filepath.Join(preCommitFixture, "fixed"), repo)
	git("add", "handler.go")
	out, err = pc.run(repo, tools["git"], "commit", "-m", "escaped handler")
	if err != nil {
		t.Fatalf("git commit of the fixed handler failed: %v\n%s", err, out)
	}
	for _, id := range []string{"cachevet", "cachevet-vet"} {
		expectHookStatus(t, out, hooks[id].Name, `Passed`)
	}
	if files := git("show", "--name-only", "--format=", "HEAD"); !strings.Contains(files, "handler.go") {
		t.Errorf("the last commit does not hold handler.go; it holds:\n%s", files)
	}
	if t.Failed() {
		t.Logf("output of the passing commit:\n%s", out)
	}

	// 4. A Compose file publishing memcached's port on every interface:
	// cachevet-deploy blocks it, and lets the port bound to loopback through.
	copyPreCommitDir(t, filepath.Join(preCommitFixture, "deploy"), repo)
	git("add", "compose.yaml")
	out, err = pc.run(repo, tools["git"], "commit", "-m", "cache service")
	if err == nil {
		t.Fatalf("git commit of the exposed Compose file succeeded; want it blocked\n%s", out)
	}
	expectHookStatus(t, out, hooks["cachevet-deploy"].Name, `Failed`)
	expectHookStatus(t, out, hooks["cachevet"].Name, `\(no files to check\)Skipped`)
	if !strings.Contains(out, "- hook id: cachevet-deploy\n- exit code: 3\n") {
		t.Errorf("cachevet-deploy did not exit 3:\n%s", out)
	}
	if !regexp.MustCompile(`compose\.yaml:6:9: Compose service "cache" publishes cache port 11211 on every host interface`).MatchString(out) {
		t.Errorf("no finding at compose.yaml:6:9 in the output:\n%s", out)
	}
	copyPreCommitDir(t, filepath.Join(preCommitFixture, "deploy-fixed"), repo)
	git("add", "compose.yaml")
	out, err = pc.run(repo, tools["git"], "commit", "-m", "cache service on loopback")
	if err != nil {
		t.Fatalf("git commit of the fixed Compose file failed: %v\n%s", err, out)
	}
	expectHookStatus(t, out, hooks["cachevet-deploy"].Name, `Passed`)
}

// expectHookStatus checks the status line pre-commit prints for the hook
// named name: "name.....status".
func expectHookStatus(t *testing.T, out, name, status string) {
	t.Helper()
	re := regexp.MustCompile(`(?m)^` + regexp.QuoteMeta(name) + `\.+` + status + `$`)
	if !re.MatchString(out) {
		t.Errorf("no line %q in the output:\n%s", re, out)
	}
}

// preCommitEnv is the environment of every command the test runs: the test's
// own, without the git, pre-commit and go settings that would change what is
// tested, plus a private PRE_COMMIT_HOME and empty global git configuration,
// and the go command's caches so nothing is downloaded when they are warm.
func preCommitEnv(t *testing.T, goBin, tmp string) []string {
	t.Helper()
	out, err := exec.Command(goBin, "env", "GOMODCACHE", "GOCACHE").Output()
	if err != nil {
		t.Fatalf("go env: %v", err)
	}
	caches := strings.Split(strings.TrimSpace(string(out)), "\n")
	if len(caches) != 2 || caches[0] == "" || caches[1] == "" {
		t.Fatalf("go env GOMODCACHE GOCACHE printed %q", out)
	}
	gitConfig := filepath.Join(tmp, "gitconfig")
	if err := os.WriteFile(gitConfig, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	var env []string
	for _, kv := range os.Environ() {
		k, _, _ := strings.Cut(kv, "=")
		switch {
		case strings.HasPrefix(k, "GIT_"), strings.HasPrefix(k, "PRE_COMMIT"), k == "SKIP":
			// GIT_DIR and friends (set when this test runs inside a git
			// hook) and pre-commit's SKIP would redirect or skip the hooks.
			continue
		}
		switch k {
		case "GOFLAGS", "GOPROXY", "GOWORK", "GONOPROXY", "GOPRIVATE", "GONOSUMDB", "GOMODCACHE", "GOCACHE", "GOBIN":
			continue
		}
		env = append(env, kv)
	}
	return append(env,
		"GOFLAGS=-mod=mod",
		"GOPROXY=https://proxy.golang.org",
		"GOWORK=off",
		"GOMODCACHE="+caches[0],
		"GOCACHE="+caches[1],
		"PRE_COMMIT_HOME="+filepath.Join(tmp, "pre-commit-home"),
		"PRE_COMMIT_COLOR=never",
		"GIT_CONFIG_NOSYSTEM=1",
		"GIT_CONFIG_GLOBAL="+gitConfig,
	)
}

type preCommitRunner struct {
	t   *testing.T
	ctx context.Context
	env []string
}

// run runs a command in dir and returns its combined output.
func (r *preCommitRunner) run(dir, name string, args ...string) (string, error) {
	r.t.Helper()
	cmd := exec.CommandContext(r.ctx, name, args...)
	cmd.Dir = dir
	cmd.Env = r.env
	cmd.WaitDelay = 10 * time.Second
	start := time.Now()
	out, err := cmd.CombinedOutput()
	if d := time.Since(start); d > time.Second {
		r.t.Logf("%s %s: %.1fs", filepath.Base(name), strings.Join(args, " "), d.Seconds())
	}
	if err != nil && r.ctx.Err() != nil {
		err = fmt.Errorf("%w (%v)", err, r.ctx.Err())
	}
	return string(out), err
}

func (r *preCommitRunner) mustRun(dir, name string, args ...string) string {
	r.t.Helper()
	out, err := r.run(dir, name, args...)
	if err != nil {
		r.t.Fatalf("%s %s: %v\n%s", name, strings.Join(args, " "), err, out)
	}
	return out
}

// preCommitSnapshot makes the hook repository in dir: a git repository with
// one commit, which it returns with dir. By default the commit holds this
// repository's HEAD (from git archive) with the working tree's
// .pre-commit-hooks.yaml on top, so the hooks file is tested before it is
// committed and unfinished work elsewhere in the tree cannot break the
// go install ./... that pre-commit runs. With CACHEVET_PRECOMMIT_WORKTREE=1,
// or outside a git checkout, it holds the working tree as it is on disk
// instead: the files git does not ignore, tracked or not (outside a
// checkout, every file but .git).
func preCommitSnapshot(t *testing.T, pc *preCommitRunner, gitBin, dir string) (string, string) {
	t.Helper()
	root, err := filepath.Abs(preCommitRepo)
	if err != nil {
		t.Fatal(err)
	}
	what := "the working tree of " + root
	head := false
	if os.Getenv("CACHEVET_PRECOMMIT_WORKTREE") != "1" {
		if out, err := pc.run(root, gitBin, "rev-parse", "--verify", "-q", "HEAD"); err == nil {
			cmd := exec.CommandContext(pc.ctx, gitBin, "archive", "--format=tar", "HEAD")
			cmd.Dir, cmd.Env = root, pc.env
			var stderr bytes.Buffer
			cmd.Stderr = &stderr
			archive, err := cmd.Output()
			if err != nil {
				t.Fatalf("git archive HEAD: %v\n%s", err, stderr.Bytes())
			}
			extractPreCommitTar(t, archive, dir)
			hooks := ".pre-commit-hooks.yaml"
			copyPreCommitFile(t, filepath.Join(root, hooks), filepath.Join(dir, hooks), 0o644)
			head = true
			what = fmt.Sprintf("HEAD (%s) of %s with the working tree's %s", strings.TrimSpace(out)[:12], root, hooks)
		}
	}
	if !head {
		copyPreCommitWorktree(t, pc, gitBin, root, dir)
	}
	if _, err := os.Stat(filepath.Join(dir, ".pre-commit-hooks.yaml")); err != nil {
		t.Fatalf("the snapshot of %s has no .pre-commit-hooks.yaml: %v", root, err)
	}
	pc.mustRun(dir, gitBin, "init", "-q")
	// -f: the repository's .gitignore names binaries (/cacheserver) that
	// are also the names of tracked directories.
	pc.mustRun(dir, gitBin, "add", "-A", "-f")
	pc.mustRun(dir, gitBin, "-c", "user.name=cachevet test", "-c", "user.email=cachevet-test@example.com",
		"-c", "commit.gpgsign=false", "commit", "-q", "-m", "snapshot for the pre-commit test")
	rev := strings.TrimSpace(pc.mustRun(dir, gitBin, "rev-parse", "HEAD"))
	t.Logf("hook repository: %s, committed as %s in %s", what, rev, dir)
	return dir, rev
}

// extractPreCommitTar writes the files of a tar archive under dir.
func extractPreCommitTar(t *testing.T, archive []byte, dir string) {
	t.Helper()
	tr := tar.NewReader(bytes.NewReader(archive))
	for {
		hdr, err := tr.Next()
		if err == io.EOF {
			return
		} else if err != nil {
			t.Fatalf("reading the git archive: %v", err)
		}
		if !filepath.IsLocal(hdr.Name) {
			t.Fatalf("git archive holds %q, outside the tree", hdr.Name)
		}
		dst := filepath.Join(dir, filepath.FromSlash(hdr.Name))
		switch hdr.Typeflag {
		case tar.TypeDir:
			err = os.MkdirAll(dst, 0o755)
		case tar.TypeReg:
			var data []byte
			if data, err = io.ReadAll(tr); err == nil {
				if err = os.MkdirAll(filepath.Dir(dst), 0o755); err == nil {
					err = os.WriteFile(dst, data, fs.FileMode(hdr.Mode).Perm()|0o600)
				}
			}
		case tar.TypeSymlink:
			if err = os.MkdirAll(filepath.Dir(dst), 0o755); err == nil {
				err = os.Symlink(hdr.Linkname, dst)
			}
		}
		// Other entries (the pax header with the commit id) are skipped.
		if err != nil {
			t.Fatal(err)
		}
	}
}

// copyPreCommitWorktree copies the working tree of the repository at root
// into dir.
func copyPreCommitWorktree(t *testing.T, pc *preCommitRunner, gitBin, root, dir string) {
	t.Helper()
	var files []string
	if out, err := pc.run(root, gitBin, "ls-files", "-z", "--cached", "--others", "--exclude-standard"); err == nil {
		for _, f := range strings.Split(out, "\x00") {
			if f != "" {
				files = append(files, filepath.FromSlash(f))
			}
		}
	} else {
		t.Logf("git ls-files failed (%v): copying every file of %s", err, root)
		err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if d.IsDir() && d.Name() == ".git" {
				return filepath.SkipDir
			}
			if d.Type().IsRegular() {
				rel, err := filepath.Rel(root, path)
				files = append(files, rel)
				return err
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	for _, rel := range files {
		info, err := os.Lstat(filepath.Join(root, rel))
		if errors.Is(err, fs.ErrNotExist) {
			continue // tracked, deleted in the working tree
		} else if err != nil {
			t.Fatal(err)
		}
		if !info.Mode().IsRegular() {
			continue
		}
		copyPreCommitFile(t, filepath.Join(root, rel), filepath.Join(dir, rel), info.Mode().Perm())
	}
}

// copyPreCommitDir copies the files under src into dst, overwriting.
func copyPreCommitDir(t *testing.T, src, dst string) {
	t.Helper()
	err := filepath.WalkDir(src, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, err := filepath.Rel(src, path)
		if err != nil {
			return err
		}
		copyPreCommitFile(t, path, filepath.Join(dst, rel), 0o644)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

func copyPreCommitFile(t *testing.T, src, dst string, perm fs.FileMode) {
	t.Helper()
	data, err := os.ReadFile(src)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(dst, data, perm); err != nil {
		t.Fatal(err)
	}
}
