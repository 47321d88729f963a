package cacheserver

import (
	"bytes"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"sync"
	"syscall"
	"testing"
	"time"
)

// transcriptCase mirrors one entry of the transcripts (see transcriptsFile).
type transcriptCase struct {
	ID             string           `json:"id"`
	Title          string           `json:"title"`
	Server         string           `json:"server"`
	Steps          []transcriptStep `json:"steps"`
	ClosedByServer bool             `json:"closed_by_server"`
}

type transcriptStep struct {
	Send      string `json:"send"`
	SendLen   int    `json:"send_len"`
	Resp      string `json:"resp"`
	RespHex   string `json:"resp_hex"`
	RespLen   int    `json:"resp_len"`
	ReadEnd   string `json:"read_end"`
	ElapsedMS int    `json:"elapsed_ms"`
}

// transcriptSkips lists cases the replay cannot match byte for byte, with
// the reason. Every other case must pass.
var transcriptSkips = map[string]string{}

// transcriptsFile is the copy of the recorded memcached 1.6.18 behaviour
// (../shared/memcached/transcripts.json beside the project checkout) that
// the tests replay: it travels with the repository, so that a clone
// without the shared folder still checks the server against it.
const transcriptsFile = "testdata/memcached/transcripts.json"

func loadTranscripts(t testing.TB) []transcriptCase {
	cases, err := readTranscripts()
	if err != nil {
		t.Fatal(err)
	}
	return cases
}

// readTranscripts loads the transcripts without a testing.TB, for seeds.
func readTranscripts() ([]transcriptCase, error) {
	data, err := os.ReadFile(transcriptsFile)
	if err != nil {
		return nil, err
	}
	var cases []transcriptCase
	err = json.Unmarshal(data, &cases)
	return cases, err
}

// TestTranscriptsCopy checks that the copy is the shared original, where
// the shared folder is beside the checkout.
func TestTranscriptsCopy(t *testing.T) {
	shared, err := filepath.Abs(filepath.Join("..", "..", "shared", "memcached", "transcripts.json"))
	if err != nil {
		t.Fatal(err)
	}
	want, err := os.ReadFile(shared)
	if err != nil {
		t.Skipf("no shared transcripts to compare the copy with: %v", err)
	}
	got, err := os.ReadFile(transcriptsFile)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs from %s: copy it again", transcriptsFile, shared)
	}
}

// unescapeTranscript decodes the transcript byte-escaping grammar:
// \\ \r \n \t \xHH, and {N*"U"} for N repetitions of the unit U.
func unescapeTranscript(s string) ([]byte, error) {
	var out []byte
	for i := 0; i < len(s); {
		switch ch := s[i]; ch {
		case '\\':
			if i+1 >= len(s) {
				return nil, fmt.Errorf("dangling backslash")
			}
			switch s[i+1] {
			case '\\':
				out = append(out, '\\')
				i += 2
			case 'r':
				out = append(out, '\r')
				i += 2
			case 'n':
				out = append(out, '\n')
				i += 2
			case 't':
				out = append(out, '\t')
				i += 2
			case 'x':
				b, err := hex.DecodeString(s[i+2 : i+4])
				if err != nil {
					return nil, err
				}
				out = append(out, b...)
				i += 4
			default:
				return nil, fmt.Errorf("bad escape %q", s[i:i+2])
			}
		case '{':
			star := bytes.IndexByte([]byte(s[i:]), '*')
			n, err := strconv.Atoi(s[i+1 : i+star])
			if err != nil {
				return nil, err
			}
			rest := s[i+star+2:] // past `*"`
			end := bytes.IndexByte([]byte(rest), '"')
			unit, err := unescapeTranscript(rest[:end])
			if err != nil {
				return nil, err
			}
			out = append(out, bytes.Repeat(unit, n)...)
			i += star + 2 + end + 2 // past `"}`
		default:
			out = append(out, ch)
			i++
		}
	}
	return out, nil
}

// fakeClock is a manually advanced clock shared by a server and its replay,
// so relative times (item ages) progress as they did in the recording.
type fakeClock struct {
	mu  sync.Mutex
	now time.Time
}

func (c *fakeClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *fakeClock) Advance(d time.Duration) {
	c.mu.Lock()
	c.now = c.now.Add(d)
	c.mu.Unlock()
}

// transcriptServerConfig reproduces the recorded command lines.
func transcriptServerConfig(key string) Config {
	cfg := DefaultConfig()
	cfg.Log = io.Discard
	switch key {
	case "nodump":
		cfg.DisableDump = true
	case "bin":
		cfg.Protocol = ProtocolBinary
	case "ascii":
		cfg.Protocol = ProtocolASCII
	case "authY":
		cfg.AuthFile = map[string]string{"user1": "pass1", "user2": "pass2"}
	case "sasl":
		cfg.SASL = true
		cfg.SASLUsers = map[string]string{"mcuser": "mcpass"}
		cfg.Verbosity = 2
	}
	return cfg
}

var transcriptPorts = map[string]int{
	"main": 21211, "bin": 21212, "ascii": 21213, "authY": 21214, "sasl": 21215, "nodump": 21216, "dump": 21218,
}

type transcriptServer struct {
	srv   *Server
	addr  string
	clock *fakeClock
}

func startTranscriptServer(t *testing.T, key string) *transcriptServer {
	// Start half way through a second: with the recorded step durations
	// this reproduces the item ages memcached reported ("stats items").
	clock := &fakeClock{now: time.Now().Truncate(time.Second).Add(500 * time.Millisecond)}
	cfg := transcriptServerConfig(key)
	cfg.Now = clock.Now
	srv, err := New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	// Prefer the recorded port so "stats settings" matches verbatim.
	ln, err := net.Listen("tcp", fmt.Sprintf("127.0.0.1:%d", transcriptPorts[key]))
	if err != nil {
		ln, err = net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			t.Fatal(err)
		}
	}
	go srv.Serve(ln)
	t.Cleanup(func() { srv.Close() })
	return &transcriptServer{srv: srv, addr: ln.Addr().String(), clock: clock}
}

// readResult is what one replay step observed.
type readResult struct {
	data []byte
	end  string // "idle", "EOF", "ECONNRESET"
}

// readResponse reads until want bytes arrived and the connection is
// quiet for a short grace period, or until EOF/reset.
func readResponse(nc net.Conn, want int, expectClose bool) readResult {
	var res readResult
	buf := make([]byte, 64<<10)
	grace := 30 * time.Millisecond
	deadline := time.Now().Add(5 * time.Second)
	for {
		// Masked fields (pid, rusage) may make our answer shorter than
		// the recorded one, so an unfinished read also ends after a
		// second without data.
		wait := grace
		if len(res.data) < want || expectClose {
			wait = min(time.Until(deadline), time.Second)
		}
		nc.SetReadDeadline(time.Now().Add(wait))
		n, err := nc.Read(buf)
		res.data = append(res.data, buf[:n]...)
		if err == nil {
			continue
		}
		var ne net.Error
		switch {
		case errors.As(err, &ne) && ne.Timeout():
			res.end = "idle"
		case errors.Is(err, syscall.ECONNRESET):
			res.end = "ECONNRESET"
		default:
			res.end = "EOF"
		}
		return res
	}
}

var (
	maskPatterns = []struct {
		re   *regexp.Regexp
		repl string
	}{
		{regexp.MustCompile(`(?m)^STAT (pid|uptime|time|rusage_user|rusage_system|lru_maintainer_juggles|tcpport) [^\r]*\r$`), "STAT $1 *\r"},
		{regexp.MustCompile(`(?m)^(STAT \d+:secs_since_last_cmd) \d+\r$`), "$1 *\r"},
		{regexp.MustCompile(`(?m)^(STAT \d+:(?:listen_)?addr tcp:[0-9.]+):\d+\r$`), "$1:*\r"},
		{regexp.MustCompile(`(?m)^(VALUE [^ \r\n]+ \d+ \d+) \d+\r$`), "$1 *\r"},
		{regexp.MustCompile(`(?m)^((?:HD|VA \d+|EX|NS|NF)(?: [^ \r\n]+)*?) c\d+`), "$1 c*"},
		{regexp.MustCompile(`\b(la|cas|exp)=\d+`), "$1=*"},
		{regexp.MustCompile(`; [1-9]\d* s\]`), "; * s]"},
		{regexp.MustCompile(`ts=\d+\.\d+`), "ts=*"},
	}
)

// maskTranscript blanks the fields the transcript documents as varying.
func maskTranscript(b []byte) []byte {
	if len(b) >= binaryHeaderSize && b[0] == binaryResponseMagic {
		out := append([]byte(nil), b...)
		for p := out; len(p) >= binaryHeaderSize && p[0] == binaryResponseMagic; {
			for i := 16; i < 24; i++ {
				p[i] = 0
			}
			n := binaryHeaderSize + int(uint32(p[8])<<24|uint32(p[9])<<16|uint32(p[10])<<8|uint32(p[11]))
			if n > len(p) {
				break
			}
			p = p[n:]
		}
		return out
	}
	for _, m := range maskPatterns {
		b = m.re.ReplaceAll(b, []byte(m.repl))
	}
	return b
}

func TestTranscripts(t *testing.T) {
	cases := loadTranscripts(t)
	servers := map[string]*transcriptServer{}
	for _, tc := range cases {
		ts := servers[tc.Server]
		if ts == nil {
			ts = startTranscriptServer(t, tc.Server)
			servers[tc.Server] = ts
		}
		t.Run(tc.ID, func(t *testing.T) {
			if reason, ok := transcriptSkips[tc.ID]; ok {
				t.Skip(reason)
			}
			replayCase(t, ts, tc)
		})
	}
}

func replayCase(t *testing.T, ts *transcriptServer, tc transcriptCase) {
	nc, err := net.Dial("tcp", ts.addr)
	if err != nil {
		t.Fatal(err)
	}
	defer nc.Close()
	closed := false
	for i, step := range tc.Steps {
		send, err := unescapeTranscript(step.Send)
		if err != nil {
			t.Fatalf("step %d: bad send escape: %v", i+1, err)
		}
		var want []byte
		if step.RespHex != "" {
			want, err = hex.DecodeString(step.RespHex)
		} else {
			want, err = unescapeTranscript(step.Resp)
		}
		if err != nil {
			t.Fatalf("step %d: bad resp escape: %v", i+1, err)
		}
		if len(want) != step.RespLen {
			t.Fatalf("step %d: decoded %d response bytes, transcript says %d", i+1, len(want), step.RespLen)
		}
		if closed {
			if step.ReadEnd != "(already closed)" {
				t.Errorf("C%d: connection already closed, transcript read_end %q", i+1, step.ReadEnd)
			}
			continue
		}
		writeErr := make(chan error, 1)
		go func() {
			_, err := nc.Write(send)
			writeErr <- err
		}()
		expectClose := step.ReadEnd == "EOF" || step.ReadEnd == "ECONNRESET"
		got := readResponse(nc, len(want), expectClose)
		<-writeErr
		ts.clock.Advance(time.Duration(step.ElapsedMS) * time.Millisecond)
		if !bytes.Equal(maskTranscript(got.data), maskTranscript(want)) {
			t.Errorf("C%d %q\n got: %q\nwant: %q", i+1, truncate(send), truncate(got.data), truncate(want))
		}
		if got.end != step.ReadEnd && !(expectClose && got.end != "idle") {
			t.Errorf("C%d: read ended %s, transcript %s", i+1, got.end, step.ReadEnd)
		}
		closed = got.end != "idle"
	}
	if !closed {
		probe := readResponse(nc, 0, false)
		closed = probe.end != "idle"
	}
	// The recorder probed each connection for another 300 ms.
	ts.clock.Advance(300 * time.Millisecond)
	if closed != tc.ClosedByServer {
		t.Errorf("connection closed by server = %v, transcript %v", closed, tc.ClosedByServer)
	}
	nc.Close()
	waitIdleServer(t, ts.srv)
}

// waitIdleServer waits until the server has noticed every closed
// connection, as memcached had by the time the recorder moved on.
func waitIdleServer(t *testing.T, srv *Server) {
	deadline := time.Now().Add(2 * time.Second)
	for time.Now().Before(deadline) {
		srv.mu.Lock()
		n := len(srv.conns)
		srv.mu.Unlock()
		if n == 0 {
			return
		}
		time.Sleep(time.Millisecond)
	}
	t.Errorf("server still has open connections after the client closed")
}

func truncate(b []byte) []byte {
	if len(b) > 300 {
		return append(append([]byte(nil), b[:300]...), "..."...)
	}
	return b
}
