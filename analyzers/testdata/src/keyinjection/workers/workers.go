// Package workers hands keys to goroutines: over channels, in a struct
// field channel, as a go statement's arguments and captures.
package workers

import (
	"crypto/sha256"
	"encoding/hex"
	"net/http"

	"github.com/bradfitz/gomemcache/memcache"
)

var mc = memcache.New("127.0.0.1:11211")

func localChannel(r *http.Request) {
	ch := make(chan string)
	go func() {
		for k := range ch {
			mc.Get(k) // want `request data \(r\.FormValue\) reaches the memcache key of \(\*memcache\.Client\)\.Get`
		}
	}()
	ch <- r.FormValue("id")
}

func worker(ch <-chan string) {
	for k := range ch {
		mc.Delete(k)
	}
}

func channelParam(r *http.Request) {
	ch := make(chan string, 1)
	go worker(ch) // want `reaches the memcache key of \(\*memcache\.Client\)\.Delete through workers\.worker`
	ch <- r.FormValue("id")
}

func goStatements(r *http.Request) {
	id := r.FormValue("id")
	go mc.Get(id) // want `reaches the memcache key of \(\*memcache\.Client\)\.Get`
	go func() {
		mc.Touch(id, 10) // want `reaches the memcache key of \(\*memcache\.Client\)\.Touch`
	}()
	go lookup(id) // want `reaches the memcache key of \(\*memcache\.Client\)\.Get through workers\.lookup`
}

func lookup(k string) { mc.Get(k) }

// Pool's worker reads the keys Submit sends on its field channel.
type Pool struct {
	jobs chan string
	done chan string
}

func NewPool() *Pool {
	p := &Pool{jobs: make(chan string, 8), done: make(chan string, 8)}
	go p.work()
	return p
}

func (p *Pool) work() {
	for k := range p.jobs {
		mc.Get(k)
	}
	for k := range p.done {
		sum := sha256.Sum256([]byte(k))
		mc.Get(hex.EncodeToString(sum[:]))
	}
}

func (p *Pool) Submit(key string) { p.jobs <- key }
func (p *Pool) Finish(key string) { p.done <- key }

func fieldChannel(r *http.Request, p *Pool) {
	p.Submit(r.FormValue("id")) // want `reaches the memcache key of \(\*memcache\.Client\)\.Get through \(\*workers\.Pool\)\.Submit`
	p.Finish(r.FormValue("id"))
}

// Negatives: a channel carrying only hashed keys, or constants.
func hashedChannel(r *http.Request) {
	ch := make(chan string)
	go func() {
		for k := range ch {
			mc.Get(k)
		}
	}()
	sum := sha256.Sum256([]byte(r.FormValue("id")))
	ch <- hex.EncodeToString(sum[:])
	ch <- "fixed"
}
