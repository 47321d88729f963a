package exposed

import (
	"fmt"
	"strings"
	"testing"
)

// TestJudgeContainerRun checks the forms docker's command line accepts:
// values attached or not, combined short options, options before the
// subcommand, and what keeps a command quiet.
func TestJudgeContainerRun(t *testing.T) {
	isCache := func(p int) bool { return p == 11211 }
	for _, c := range []struct {
		args string // space separated; ? is an unknown argument
		want string // argument@replacement of each finding, space separated
	}{
		{"run -p 11211:11211 memcached", "2@127.0.0.1:11211:11211"},
		{"run -d -p 0.0.0.0:11211:11211 memcached:1.6", "3@127.0.0.1:11211:11211"},
		{"run --publish=11211 memcached", "1@--publish=127.0.0.1::11211"},
		{"run -dp 11211:11211/udp memcached", "2@127.0.0.1:11211:11211/udp"},
		{"run -p11211:11211 memcached", "1@-p127.0.0.1:11211:11211"},
		{"run -p [::]:11211:11211 memcached", "2@[::1]:11211:11211"},
		{"run -p 203.0.113.4:11211:11211 memcached", "2@"},
		{"container run --name cache -e X=1 -p 21211:11211 bitnami/memcached", "7@127.0.0.1:21211:11211"},
		{"--context prod run -itP memcached", "3@"},
		{"run --network host memcached", "2@"},
		{"run --net=host memcached -m 64", "1@"},
		{"run --network host memcached -l 0.0.0.0", "5@127.0.0.1"},
		{"run --network host alpine memcached -U 11211", "2@ 6@0"},
		{"create -p 11211:11211 memcached", "2@127.0.0.1:11211:11211"},

		// Loopback, private addresses, other ports, other images for -P and
		// the host network, other subcommands and hidden ones are quiet.
		{"run -p 127.0.0.1:11211:11211 memcached", ""},
		{"run -p 10.0.0.5:11211:11211 memcached", ""},
		{"run -p 8080:80 nginx", ""},
		{"run -P nginx", ""},
		{"run --network host memcached -l 127.0.0.1", ""},
		{"run --network host alpine sh", ""},
		{"run --network bridge memcached", ""},
		{"run --network host memcached ?", ""},
		{"run -e -p memcached", ""},
		{"ps -p 11211:11211", ""},
		{"? run -p 11211:11211 memcached", ""},
		{"exec cache memcached -p 11211:11211", ""},
		{"run -v /data:/data --name=p memcached -p 11211:11211", ""},
	} {
		var args []Arg
		for _, s := range strings.Fields(c.args) {
			args = append(args, Arg{Val: s, Known: s != "?"})
		}
		var got []string
		if run, ok := ParseContainerRun(args, true); ok {
			for _, f := range JudgeContainerRun(run, "docker", isCache) {
				got = append(got, fmt.Sprintf("%d@%s", f.Arg, f.Replacement))
			}
		}
		if g := strings.Join(got, " "); g != c.want {
			t.Errorf("docker %s: %q, want %q", c.args, g, c.want)
		}
	}
}

func TestJudgeContainerRunMessages(t *testing.T) {
	judge := func(s string) string {
		var args []Arg
		for _, a := range strings.Fields(s) {
			args = append(args, Arg{Val: a, Known: true})
		}
		run, _ := ParseContainerRun(args, true)
		fs := JudgeContainerRun(run, "podman", func(p int) bool { return p == 11211 })
		if len(fs) != 1 {
			t.Fatalf("podman %s: %d findings, want 1", s, len(fs))
		}
		return fs[0].Message
	}
	for _, c := range []struct{ msg, want string }{
		{judge("run -p 11211:11211 memcached"), `podman run publishes cache port 11211 on every host interface (-p "11211:11211"): memcached has no authentication by default, so anyone who reaches the host's port can read and dump every key`},
		{judge("run -p 11211:11211 memcached"), `publish it on loopback (-p "127.0.0.1:11211:11211")`},
		{judge("run -p 198.51.100.2:11211:11211 memcached"), "on a public address"},
		{judge("run -p 11211:11211/udp memcached"), "11211/udp on every host interface"},
		{judge("run -P memcached"), `podman run -P publishes every port of image "memcached", memcached's 11211 included, on every host interface`},
		{judge("run --network host memcached"), "podman run --network host shares the host's interfaces: memcached started without -l listens on every interface"},
	} {
		if !strings.Contains(c.msg, c.want) {
			t.Errorf("message %q lacks %q", c.msg, c.want)
		}
	}
}
