package cacheserver_test

import (
	"bufio"
	"fmt"
	"io"
	"net"
	"strings"
	"sync"

	"github.com/cachevet/cachevet/cacheserver"
)

// An integration test can run the server in process and use the Observer
// to prove that a CRLF injected into a key made the server run a second
// command.
func Example_observer() {
	var mu sync.Mutex
	var ran []string
	cfg := cacheserver.DefaultConfig()
	cfg.Log = io.Discard
	cfg.Observer = func(_ cacheserver.ConnInfo, cmd cacheserver.Command) {
		mu.Lock()
		defer mu.Unlock()
		ran = append(ran, cmd.Verb+" "+strings.Join(cmd.Keys, ","))
	}
	srv, err := cacheserver.New(cfg)
	if err != nil {
		panic(err)
	}
	defer srv.Close()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		panic(err)
	}
	go srv.Serve(ln)

	nc, err := net.Dial("tcp", ln.Addr().String())
	if err != nil {
		panic(err)
	}
	defer nc.Close()
	key := "foo\r\nset evil 0 0 5\r\nhello" // attacker-controlled key
	fmt.Fprintf(nc, "get %s\r\n", key)
	r := bufio.NewReader(nc)
	for _, want := range []string{"END\r\n", "STORED\r\n"} {
		if line, _ := r.ReadString('\n'); line != want {
			panic(line)
		}
	}
	mu.Lock()
	defer mu.Unlock()
	fmt.Println(strings.Join(ran, "\n"))
	// Output:
	// get foo
	// set evil
}
