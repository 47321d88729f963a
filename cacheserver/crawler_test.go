package cacheserver

import (
	"bufio"
	"fmt"
	"io"
	"strings"
	"testing"
	"time"
)

// fillItems stores n small items through one pipelined connection.
func fillItems(t testing.TB, addr string, n int) {
	t.Helper()
	c := dialTest(t, addr)
	var b strings.Builder
	for i := range n {
		fmt.Fprintf(&b, "set key:%07d 0 0 10 noreply\r\n0123456789\r\n", i)
	}
	b.WriteString("mn\r\n")
	c.nc.SetDeadline(time.Now().Add(time.Minute)) // longer than roundTrip's, for slow (-race) runs
	io.WriteString(c.nc, b.String())
	if got, err := c.r.ReadString('\n'); err != nil || got != "MN\r\n" {
		t.Fatalf("fill: %q %v", got, err)
	}
}

// TestMetadumpBusy: while one client's dump is in progress (it stopped
// reading after the first line, far from the end of 200k items), a second
// dump is answered BUSY as memcached's single crawler does; once the first
// is drained, dumps run again.
func TestMetadumpBusy(t *testing.T) {
	_, addr := startTestServer(t, func(c *Config) { c.MaxBytes = 256 << 20 })
	const items = 200000
	fillItems(t, addr, items)
	first := dialTest(t, addr)
	io.WriteString(first.nc, "lru_crawler metadump all\r\n")
	first.nc.SetReadDeadline(time.Now().Add(5 * time.Second))
	if line, err := first.r.ReadString('\n'); err != nil || !strings.HasPrefix(line, "key=") {
		t.Fatalf("first dump: %q %v", line, err)
	}
	second := dialTest(t, addr)
	if got, _ := second.roundTrip("lru_crawler metadump all\r\n"); got != "BUSY currently processing crawler request\r\n" {
		t.Errorf("second dump during the first: %q", got)
	}
	if got, _ := second.roundTrip("lru_crawler crawl all\r\n"); got != "BUSY currently processing crawler request\r\n" {
		t.Errorf("crawl during a dump: %q", got)
	}
	first.nc.SetReadDeadline(time.Now().Add(time.Minute))
	if n := countDumpLines(first.r); n != items-1 {
		t.Errorf("first dump listed %d more items, want %d", n, items-1)
	}
	second.nc.SetDeadline(time.Now().Add(time.Minute))
	io.WriteString(second.nc, "lru_crawler metadump 1\r\n")
	if n := countDumpLines(second.r); n != items {
		t.Errorf("dump after the first ended listed %d items, want %d", n, items)
	}
}

// countDumpLines reads dump lines up to END, or -1 if the dump broke off.
func countDumpLines(r *bufio.Reader) int {
	n := 0
	for {
		line, err := r.ReadString('\n')
		if err != nil {
			return -1
		}
		if line == "END\r\n" {
			return n
		}
		n++
	}
}
