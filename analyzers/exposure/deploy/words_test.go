package deploy

import (
	"fmt"
	"testing"
)

func TestSplitWords(t *testing.T) {
	for _, c := range []struct {
		line string
		want string // value, known, text of each word
	}{
		{`memcached -l 0.0.0.0`, `["memcached" true "memcached"] ["-l" true "-l"] ["0.0.0.0" true "0.0.0.0"]`},
		{`memcached "-l" '127.0.0.1'  -m\ 64`, `["memcached" true "memcached"] ["-l" true "\"-l\""] ["127.0.0.1" true "'127.0.0.1'"] ["-m 64" true "-m\\ 64"]`},
		{`memcached $OPTIONS -p "${PORT}"`, `["memcached" true "memcached"] ["$OPTIONS" false "$OPTIONS"] ["-p" true "-p"] ["${PORT}" false "\"${PORT}\""]`},
		{`-m 64 # -l 127.0.0.1`, `["-m" true "-m"] ["64" true "64"]`},
		{`"unterminated`, `["unterminated" true "\"unterminated"]`},
	} {
		var got string
		for i, w := range splitWords(c.line, 10, true, nil) {
			if i > 0 {
				got += " "
			}
			got += fmt.Sprintf("[%q %v %q]", w.val, w.known, c.line[w.start-10:w.end-10])
		}
		if got != c.want {
			t.Errorf("splitWords(%q):\n got %s\nwant %s", c.line, got, c.want)
		}
	}
}

func TestComposeExpand(t *testing.T) {
	for _, c := range []struct {
		in, out string
		known   bool
	}{
		{"-m ${CACHE_MB:-64}", "-m 64", true},
		{"${HOST-0.0.0.0}:11211:11211", "0.0.0.0:11211:11211", true},
		{"price: $$5", "price: $5", true},
		{"-l $LISTEN", "", false},
		{"${LISTEN:?must be set}", "", false},
		{"${X:+alt}", "", false},
	} {
		out, known := composeExpand(c.in)
		if known != c.known || known && out != c.out {
			t.Errorf("composeExpand(%q) = %q, %v; want %q, %v", c.in, out, known, c.out, c.known)
		}
	}
}

func TestInternalCIDR(t *testing.T) {
	for cidr, want := range map[string]bool{
		"10.0.0.0/16":    true,
		"192.168.1.0/24": true,
		"172.16.0.0/12":  true,
		"172.0.0.0/8":    false, // reaches past 172.16/12
		"0.0.0.0/0":      false,
		"203.0.113.0/24": false,
		"fd00::/8":       true,
		"::/0":           false,
		"not a cidr":     false,
	} {
		if got := internalCIDR(cidr); got != want {
			t.Errorf("internalCIDR(%q) = %v, want %v", cidr, got, want)
		}
	}
}
