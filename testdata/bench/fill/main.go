// Command fill stores n items of a given size in a memcached-compatible
// server, pipelining noreply sets, for the memory figures of the README.
//
//	go run ./testdata/bench/fill -addr 127.0.0.1:11211 -n 1000000 -size 100
package main

import (
	"bufio"
	"flag"
	"fmt"
	"log"
	"net"
	"strings"
)

func main() {
	addr := flag.String("addr", "127.0.0.1:11211", "server address")
	n := flag.Int("n", 1000000, "number of items")
	size := flag.Int("size", 100, "value size in bytes")
	flag.Parse()

	conn, err := net.Dial("tcp", *addr)
	if err != nil {
		log.Fatal(err)
	}
	defer conn.Close()
	w := bufio.NewWriterSize(conn, 1<<16)
	value := strings.Repeat("v", *size)
	for i := 0; i < *n; i++ {
		fmt.Fprintf(w, "set key:%08d 0 0 %d noreply\r\n%s\r\n", i, *size, value)
	}
	// A final get proves every set was processed before we measure.
	fmt.Fprintf(w, "get key:%08d\r\n", *n-1)
	if err := w.Flush(); err != nil {
		log.Fatal(err)
	}
	line, err := bufio.NewReader(conn).ReadString('\n')
	if err != nil {
		log.Fatal(err)
	}
	if !strings.HasPrefix(line, "VALUE ") {
		log.Fatalf("last item missing: %q (the server evicted or refused items: raise -m)", line)
	}
}
