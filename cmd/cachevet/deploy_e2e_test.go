package main

import (
	"bufio"
	"encoding/hex"
	"fmt"
	"net"
	"net/netip"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"gopkg.in/yaml.v3"
)

// TestDeployE2E takes memcached's flags from a Compose file that cachevet
// flags, starts this repository's cacheserver (which takes memcached's
// flags) with them and reads from /proc/net/tcp that it listens on every
// interface; then fixes the file with cachevet -fix and shows that the
// fixed flags make it listen on loopback only. No traffic is sent: the
// addresses bound are read from the kernel's socket table.
func TestDeployE2E(t *testing.T) {
	if _, err := os.Stat("/proc/net/tcp"); err != nil {
		t.Skip("no /proc/net/tcp to read the bound addresses from")
	}
	bin, goBin := buildCachevet(t)
	dir := t.TempDir()
	server := filepath.Join(dir, "cacheserver")
	if out, err := command(goBin, ".", "build", "-o", server, "../cacheserver").CombinedOutput(); err != nil {
		t.Fatalf("go build cacheserver: %v\n%s", err, out)
	}

	port := freePort(t)
	compose := filepath.Join(dir, "compose.yaml")
	src := fmt.Sprintf(`services:
  cache:
    image: memcached:1.6
    command: ["memcached", "-u", "nobody", "-p", "%d", "-l", "0.0.0.0", "-U", "0"]
    ports:
      - "%d:%d"
`, port, port, port)
	if err := os.WriteFile(compose, []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}

	// The port is a cache port by -exposure.ports, which the
	// deployment-file check shares.
	ports := "-exposure.ports=" + strconv.Itoa(port)
	r := run(t, command(bin, dir, ports, "compose.yaml"))
	if r.code != 3 || !strings.Contains(r.stderr, `memcached -l "0.0.0.0" listens on every interface`) || !strings.Contains(r.stderr, "publishes cache port") {
		t.Fatalf("cachevet compose.yaml: exit %d, want 3 with the -l and ports findings\n%s", r.code, r.stderr)
	}
	addrs := listening(t, server, composeCommand(t, compose), port)
	if !hasNonLoopback(addrs) {
		t.Fatalf("cacheserver with the flagged flags listens on %v, want an address beyond loopback", addrs)
	}
	t.Logf("flagged flags: listening on %v", addrs)

	if r := run(t, command(bin, dir, ports, "-fix", "compose.yaml")); r.code != 0 {
		t.Fatalf("cachevet -fix: exit %d\n%s", r.code, r.stderr)
	}
	if r := run(t, command(bin, dir, ports, "compose.yaml")); r.code != 0 {
		data, _ := os.ReadFile(compose)
		t.Fatalf("cachevet on the fixed file: exit %d, want 0\n%s\n%s", r.code, r.stderr, data)
	}
	addrs = listening(t, server, composeCommand(t, compose), port)
	if len(addrs) == 0 || hasNonLoopback(addrs) {
		t.Fatalf("cacheserver with the fixed flags listens on %v, want loopback only", addrs)
	}
	t.Logf("fixed flags: listening on %v", addrs)
}

// composeCommand returns the command of the cache service of a Compose file.
func composeCommand(t *testing.T, file string) []string {
	t.Helper()
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	var c struct {
		Services map[string]struct {
			Command []string `yaml:"command"`
		} `yaml:"services"`
	}
	if err := yaml.Unmarshal(data, &c); err != nil {
		t.Fatal(err)
	}
	cmd := c.Services["cache"].Command
	if len(cmd) < 2 || cmd[0] != "memcached" {
		t.Fatalf("the cache service's command is %q, want memcached and its flags", cmd)
	}
	return cmd[1:]
}

// listening starts the server with args, waits until a socket listens on
// port and returns the addresses listening on it; the server is stopped.
func listening(t *testing.T, server string, args []string, port int) []netip.Addr {
	t.Helper()
	cmd := exec.Command(server, args...)
	var stderr strings.Builder
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer func() {
		cmd.Process.Kill()
		cmd.Wait()
	}()
	for deadline := time.Now().Add(20 * time.Second); time.Now().Before(deadline); time.Sleep(50 * time.Millisecond) {
		if addrs := listeners(t, port); len(addrs) > 0 {
			return addrs
		}
	}
	t.Fatalf("cacheserver %s does not listen on port %d\n%s", strings.Join(args, " "), port, stderr.String())
	return nil
}

// listeners reads the addresses of the TCP sockets listening on port from
// /proc/net/tcp and /proc/net/tcp6.
func listeners(t *testing.T, port int) []netip.Addr {
	t.Helper()
	var out []netip.Addr
	for _, file := range []string{"/proc/net/tcp", "/proc/net/tcp6"} {
		f, err := os.Open(file)
		if err != nil {
			continue
		}
		sc := bufio.NewScanner(f)
		for sc.Scan() {
			fields := strings.Fields(sc.Text())
			if len(fields) < 4 || fields[3] != "0A" { // 0A: LISTEN
				continue
			}
			hostHex, portHex, ok := strings.Cut(fields[1], ":")
			p, err := strconv.ParseUint(portHex, 16, 16)
			if !ok || err != nil || int(p) != port {
				continue
			}
			raw, err := hex.DecodeString(hostHex)
			if err != nil {
				t.Fatalf("%s: %q: %v", file, fields[1], err)
			}
			// The kernel prints each 32-bit word in host (little-endian) order.
			for i := 0; i+4 <= len(raw); i += 4 {
				raw[i], raw[i+1], raw[i+2], raw[i+3] = raw[i+3], raw[i+2], raw[i+1], raw[i]
			}
			addr, _ := netip.AddrFromSlice(raw)
			out = append(out, addr.Unmap())
		}
		f.Close()
	}
	return out
}

func hasNonLoopback(addrs []netip.Addr) bool {
	for _, a := range addrs {
		if !a.IsLoopback() {
			return true
		}
	}
	return false
}

// freePort returns a TCP port that was free a moment ago.
func freePort(t *testing.T) int {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	return ln.Addr().(*net.TCPAddr).Port
}
