package main

import (
	"bytes"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/cachevet/cachevet/cacheserver"
)

func TestParseArgsShortOptionSemantics(t *testing.T) {
	cases := []struct {
		args []string
		want []string // "c=value"
	}{
		{[]string{"-vv"}, []string{"v=", "v="}},
		{[]string{"-p11211"}, []string{"p=11211"}},
		{[]string{"-p", "11211"}, []string{"p=11211"}},
		{[]string{"-vp11211"}, []string{"v=", "p=11211"}},
		{[]string{"--port=11211", "--listen", "127.0.0.1"}, []string{"p=11211", "l=127.0.0.1"}},
		{[]string{"-o", "idle_timeout=5,hardened"}, []string{"o=idle_timeout=5,hardened"}},
	}
	for _, c := range cases {
		opts, err := parseArgs(c.args)
		if err != nil {
			t.Fatalf("%q: %v", c.args, err)
		}
		var got []string
		for _, o := range opts {
			got = append(got, string(o.opt.short)+"="+o.value)
		}
		if !reflect.DeepEqual(got, c.want) {
			t.Errorf("%q: got %q, want %q", c.args, got, c.want)
		}
	}
	for _, bad := range [][]string{{"-x"}, {"-p"}, {"--nope"}, {"--port"}, {"stray"}} {
		if _, err := parseArgs(bad); err == nil {
			t.Errorf("%q: no error", bad)
		}
	}
}

// TestStartupErrors reproduces the transcript's start-up flag table.
func TestStartupErrors(t *testing.T) {
	authFile := filepath.Join(t.TempDir(), "auth")
	os.WriteFile(authFile, []byte("user1:pass1\nuser2:pass2\n"), 0o600)
	base := []string{"-u", "nobody", "-l", "127.0.0.1", "-U", "0", "-p", "21290", "-vv"}
	cases := []struct {
		flags []string
		code  int
		msg   string
	}{
		{[]string{"-S", "-B", "ascii"}, 64, "ERROR: You cannot allow the ASCII protocol while using SASL."},
		{[]string{"-S", "-B", "auto"}, 64, "ERROR: You cannot allow the ASCII protocol while using SASL."},
		{[]string{"-Y", authFile, "-B", "binary"}, 64, "ERROR: You cannot allow the BINARY protocol while using ascii authentication tokens."},
		{[]string{"-Y", authFile, "-B", "auto"}, 64, "ERROR: You cannot allow the BINARY protocol while using ascii authentication tokens."},
		{[]string{"-Y", "/nonexistent"}, 1, "Could not open authfile [/nonexistent] for reading, error No such file or directory: No such file or directory"},
		{[]string{"-S", "-U", "21299"}, 64, "ERROR: Cannot enable UDP while using binary SASL authentication."},
		{[]string{"-I", "100"}, 64, "Item max size cannot be less than 1024 bytes."},
		{[]string{"-o", "read_buf_mem_limit"}, 1, "Missing read_buf_mem_limit argument"},
		{[]string{"-o", "read_buf_mem_limit=x"}, 1, "could not parse argument to read_buf_mem_limit"},
	}
	for _, c := range cases {
		var stdout, stderr bytes.Buffer
		code := run(append(append([]string{}, base...), c.flags...), &stdout, &stderr)
		if code != c.code || strings.TrimSpace(stderr.String()) != c.msg {
			t.Errorf("%q: exit %d %q, want %d %q", c.flags, code, stderr.String(), c.code, c.msg)
		}
	}
}

func TestBuildConfigProtocols(t *testing.T) {
	authFile := filepath.Join(t.TempDir(), "auth")
	os.WriteFile(authFile, []byte("u:p\n"), 0o600)
	cfg, _, err := buildConfig([]string{"-u", "x", "-S", "-Y", authFile}, io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	if cfg.Protocol != cacheserver.ProtocolASCII || cfg.AuthFile["u"] != "p" {
		t.Errorf("-S -Y: protocol %v, authfile %v (the -Y ascii auth wins)", cfg.Protocol, cfg.AuthFile)
	}
	cfg, _, err = buildConfig([]string{"-u", "x", "-S"}, io.Discard)
	if err != nil || cfg.Protocol != cacheserver.ProtocolBinary {
		t.Errorf("-S: protocol %v, err %v", cfg.Protocol, err)
	}
	cfg, _, err = buildConfig([]string{"-u", "x", "-l", "127.0.0.1,::1", "-m", "128", "-I", "2m", "-c", "99",
		"-o", "idle_timeout=7,hardened,modern,read_buf_mem_limit=3", "-vvv", "-X", "-W", "-C", "-M", "-t", "2"}, io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"127.0.0.1", "::1"}
	if !reflect.DeepEqual(cfg.ListenAddrs, want) || cfg.MaxBytes != 128<<20 || cfg.ItemSizeMax != 2<<20 ||
		cfg.MaxConns != 99 || cfg.IdleTimeout != 7*time.Second || !cfg.Hardened || cfg.Verbosity != 3 ||
		!cfg.DisableDump || !cfg.DisableWatch || !cfg.DisableCAS || !cfg.DisableEvict || cfg.Threads != 2 ||
		cfg.ReadBufMemLimit != 3<<20 {
		t.Errorf("config not applied: %+v", cfg)
	}
	var warn bytes.Buffer
	if _, _, err := buildConfig([]string{"-u", "x", "-o", "frobnicate"}, &warn); err != nil || !strings.Contains(warn.String(), "frobnicate") {
		t.Errorf("unknown -o option: err %v, warning %q", err, warn.String())
	}
	if cfg, _, _ := buildConfig([]string{"-u", "x"}, io.Discard); !reflect.DeepEqual(cfg.ListenAddrs, []string{"127.0.0.1"}) {
		t.Errorf("default listen addresses %q, want loopback only", cfg.ListenAddrs)
	}
}

func TestHelpAndVersion(t *testing.T) {
	var out bytes.Buffer
	if code := run([]string{"-V"}, &out, io.Discard); code != 0 || out.String() != "memcached 1.6.18\n" {
		t.Errorf("-V: %d %q", code, out.String())
	}
	out.Reset()
	if code := run([]string{"-h"}, &out, io.Discard); code != 0 || !strings.Contains(out.String(), "--port") {
		t.Errorf("-h: %d %q", code, out.String())
	}
}
