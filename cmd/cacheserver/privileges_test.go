package main

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"io"
	"net"
	"os"
	"os/exec"
	"os/user"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// serverArgsEnv makes the test binary run main with these arguments
// (newline-separated) instead of the tests, so that a test can start the real
// command as a separate process.
const serverArgsEnv = "CACHESERVER_TEST_MAIN_ARGS"

func TestMain(m *testing.M) {
	if args, ok := os.LookupEnv(serverArgsEnv); ok {
		os.Exit(run(strings.Split(args, "\n"), os.Stdout, os.Stderr))
	}
	os.Exit(m.Run())
}

// requireRoot skips a test that needs root, or fails it under
// CACHEVET_REQUIRE_TOOLS=1, where the check must happen.
func requireRoot(t *testing.T) {
	t.Helper()
	if os.Geteuid() == 0 {
		return
	}
	if os.Getenv("CACHEVET_REQUIRE_TOOLS") == "1" {
		t.Fatal("privilege drop cannot be checked: not root and CACHEVET_REQUIRE_TOOLS=1")
	}
	t.Skip("not root: -u is ignored (set CACHEVET_REQUIRE_TOOLS=1 to fail instead)")
}

// TestDropsPrivilegesAfterBinding starts cacheserver as root with
// -u nobody and reads the identity of the running process from /proc.
func TestDropsPrivilegesAfterBinding(t *testing.T) {
	requireRoot(t)
	nobody, err := user.Lookup("nobody")
	if err != nil {
		t.Fatalf("no user nobody: %v", err)
	}
	sock := filepath.Join(t.TempDir(), "cacheserver.sock")
	cmd := exec.Command(os.Args[0])
	cmd.Env = append(os.Environ(), serverArgsEnv+"="+strings.Join([]string{"-u", "nobody", "-s", sock}, "\n"))
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { cmd.Process.Kill(); cmd.Wait() })
	var nc net.Conn
	for range 100 {
		if nc, err = net.Dial("unix", sock); err == nil {
			break
		}
		time.Sleep(50 * time.Millisecond)
	}
	if err != nil {
		t.Fatalf("server did not start: %v; stderr %q", err, stderr.String())
	}
	defer nc.Close()
	// An answered request proves start-up, including the drop, is over.
	nc.SetDeadline(time.Now().Add(5 * time.Second))
	io.WriteString(nc, "version\r\n")
	if line, err := bufio.NewReader(nc).ReadString('\n'); err != nil || !strings.HasPrefix(line, "VERSION") {
		t.Fatalf("version: %q %v", line, err)
	}
	status, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", cmd.Process.Pid))
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{
		"Uid":    strings.Repeat(nobody.Uid+"\t", 3) + nobody.Uid,
		"Gid":    strings.Repeat(nobody.Gid+"\t", 3) + nobody.Gid,
		"Groups": "",
	}
	for _, line := range strings.Split(string(status), "\n") {
		name, value, _ := strings.Cut(line, ":")
		if w, ok := want[name]; ok {
			if got := strings.TrimSpace(value); got != w {
				t.Errorf("%s: %q, want %q", name, got, w)
			}
			delete(want, name)
		}
	}
	if len(want) > 0 {
		t.Errorf("/proc status lacks %v", want)
	}
}

// TestUnknownUserStopsStartup: memcached's message and EX_NOUSER, before
// anything is bound. It runs as a separate process, which a server that
// started anyway would keep running until the deadline kills it.
func TestUnknownUserStopsStartup(t *testing.T) {
	requireRoot(t)
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, os.Args[0])
	cmd.Env = append(os.Environ(), serverArgsEnv+"="+strings.Join([]string{"-u", "no-such-user-cachevet", "-s", filepath.Join(t.TempDir(), "s")}, "\n"))
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	cmd.Run()
	if code := cmd.ProcessState.ExitCode(); code != exitNoUser || strings.TrimSpace(stderr.String()) != "can't find the user no-such-user-cachevet to switch to" {
		t.Errorf("exit %d %q", code, stderr.String())
	}
}
