package exposed

import (
	"fmt"
	"strings"
	"testing"
)

func args(s ...string) []Arg {
	out := make([]Arg, len(s))
	for i, v := range s {
		out[i] = Arg{Val: v, Known: v != "?"}
	}
	return out
}

// TestJudge checks the judgement on the forms memcached accepts: "-l X",
// "-lX", "--listen=X", several hosts in one -l, and what makes a command
// line expose nothing or be unknown.
func TestJudge(t *testing.T) {
	for _, c := range []struct {
		args []string
		want string // problem@argument=replacement, space separated
	}{
		{nil, "1@-1="},
		{[]string{"-l", "0.0.0.0"}, "2@1=127.0.0.1"},
		{[]string{"-l0.0.0.0:11311"}, "2@0=-l127.0.0.1:11311"},
		{[]string{"--listen=::"}, "2@0=--listen=::1"},
		{[]string{"-l", "127.0.0.1,203.0.113.9"}, "3@1="},
		{[]string{"-l", "10.0.0.1", "-U", "11211"}, "4@3=0"},
		{[]string{"-l", "127.0.0.1", "-U", "11211"}, ""},
		{[]string{"-U", "0"}, "1@-1="},
		{[]string{"-s", "/run/mc.sock", "-U", "11211"}, ""},
		{[]string{"-V"}, ""},
		{[]string{"?"}, ""},                  // an unknown argument could be -l
		{[]string{"-l", "?", "-U", "1"}, ""}, // an unknown -l
		{[]string{"-l", "memcache.internal"}, ""},
	} {
		var got []string
		for _, f := range Judge(ParseCommand(args(c.args...), true), ShellArgs) {
			got = append(got, fmt.Sprintf("%d@%d=%s", f.Problem, f.Arg, f.Replacement))
		}
		if g := strings.Join(got, " "); g != c.want {
			t.Errorf("Judge(%q) = %q, want %q", c.args, g, c.want)
		}
	}
}

// TestJudgeMessages checks what the messages say of -S, -Y and -X, and
// that each syntax writes the -l to add its own way.
func TestJudgeMessages(t *testing.T) {
	msg := func(syntax Syntax, a ...string) string {
		fs := Judge(ParseCommand(args(a...), true), syntax)
		if len(fs) != 1 {
			t.Fatalf("Judge(%q): %d findings, want 1", a, len(fs))
		}
		return fs[0].Message
	}
	for _, c := range []struct {
		msg, want string
	}{
		{msg(GoArgs), `add "-l", "127.0.0.1" or a private address`},
		{msg(ShellArgs), "add -l 127.0.0.1 or a private address"},
		{msg(ShellArgs, "-p", "11311"), "reaches port 11311 can read and dump every key"},
		{msg(ShellArgs, "-S"), "only its -S/-Y credentials guard port 11211"},
		{msg(ShellArgs, "--auth-file=/etc/mc.auth"), "only its -S/-Y credentials guard port 11211"},
		{msg(ShellArgs, "-X"), "can read and overwrite every key (-X refuses only the dump commands)"},
	} {
		if !strings.Contains(c.msg, c.want) {
			t.Errorf("message %q lacks %q", c.msg, c.want)
		}
	}
}
