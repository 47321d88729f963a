// Command demo is a small product and user lookup service that caches in
// memcached. It is deliberately vulnerable: its cache keys are built from
// request parameters without escaping. Run cachevet on it:
//
//	go build -o /tmp/cachevet ./cmd/cachevet && (cd testdata/demo && /tmp/cachevet ./...)
//
// (from the root of the cachevet repository).
package main

import (
	"flag"
	"log"
	"net/http"
	"os/exec"

	"example.com/demo/catalog"
	"example.com/demo/memcachetext"
	"github.com/bradfitz/gomemcache/memcache"
)

func main() {
	addr := flag.String("addr", ":8080", "HTTP listen address")
	mcAddr := flag.String("memcached", "127.0.0.1:11211", "memcached address")
	dev := flag.Bool("dev", false, "start a local memcached for development")
	flag.Parse()

	if *dev {
		// BUG: without -l, memcached listens on every interface.
		cmd := exec.Command("memcached", "-m", "64", "-p", "11211")
		if err := cmd.Start(); err != nil {
			log.Fatal(err)
		}
		defer cmd.Process.Kill()
	}

	mc := memcache.New(*mcAddr)
	raw, err := memcachetext.Dial(*mcAddr)
	if err != nil {
		log.Fatal(err)
	}
	s := &server{
		mc:      mc,
		catalog: catalog.New(mc),
		raw:     raw,
	}

	mux := http.NewServeMux()
	mux.HandleFunc("GET /products", s.product)
	mux.HandleFunc("GET /products/search", s.search)
	mux.HandleFunc("GET /users/{name}", s.user)
	mux.HandleFunc("POST /users/{name}/seen", s.touchUser)
	mux.HandleFunc("GET /categories/{slug}", s.category)
	log.Fatal(http.ListenAndServe(*addr, mux))
}
