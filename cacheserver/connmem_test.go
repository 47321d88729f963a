package cacheserver

import (
	"io"
	"testing"
	"time"
)

// memcached's own read buffer test (in t/conn-limits.t) is skipped
// upstream, and with whole megabytes split over -t threads its outcome
// depends on which thread each connection lands on; so this one runs on
// cacheserver alone, with one thread of two buffers.
func TestReadBufMemLimitRefusesInputWithoutBuffer(t *testing.T) {
	_, addr := startTestServer(t, func(c *Config) {
		c.Threads = 1
		c.ReadBufMemLimit = 2 * readBufferSize
	})
	holder := dialTest(t, addr)
	holder.nc.SetDeadline(time.Now().Add(2 * time.Second))
	// The version allocates the thread's response bundle, which it keeps;
	// the unfinished get then holds the read buffer: both buffers in use.
	io.WriteString(holder.nc, "version\r\nget fo")
	if line, err := holder.r.ReadString('\n'); err != nil || line != "VERSION "+Version+"\r\n" {
		t.Fatalf("version: %q, %v", line, err)
	}
	if resp, closed := dialTest(t, addr).roundTrip("version\r\n"); !closed || resp != "" {
		t.Errorf("a connection without a read buffer answered %q (closed %v)", resp, closed)
	}
	if resp, _ := holder.roundTrip("o\r\n"); resp != "END\r\n" {
		t.Errorf("the finished get answered %q", resp)
	}
	if got := holder.stat("", "read_buf_oom"); got != "1" {
		t.Errorf("read_buf_oom = %s after one refused read", got)
	}
}

func TestReadBufMemLimitRefusesOutOfRange(t *testing.T) {
	for _, limit := range []int64{-1, 1 << 32} {
		if _, err := New(Config{ReadBufMemLimit: limit}); err == nil {
			t.Errorf("ReadBufMemLimit %d accepted", limit)
		}
	}
}
