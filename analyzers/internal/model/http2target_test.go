package model

import (
	"io"
	"log"
	"net"
	"net/http"
	"net/url"
	"sync"
	"testing"
	"time"
)

// TestRequestTargetBytes checks the rows of the request target,
// r.RequestURI and r.URL, against a real net/http server speaking HTTP/2
// (h2c, so that no certificate is needed): every unsafe byte is put into
// the :path of a request, in the path and in the query, and the bytes
// that reach the handler in r.RequestURI and r.URL.RawQuery must be
// exactly those the rows say (a space). The HTTP/1 request line cannot
// carry any: a space ends the target.
func TestRequestTargetBytes(t *testing.T) {
	if testing.Short() {
		t.Skip("starts an HTTP/2 server on loopback")
	}
	var h2c http.Protocols
	h2c.SetUnencryptedHTTP2(true)

	var mu sync.Mutex
	var gotURI, gotQuery ByteSet
	handled := 0
	srv := &http.Server{
		Protocols:         &h2c,
		ReadHeaderTimeout: 5 * time.Second,
		ErrorLog:          log.New(io.Discard, "", 0), // the rejected probes' protocol errors
		Handler: http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			mu.Lock()
			handled++
			gotURI |= UnsafeBytesIn(r.RequestURI)
			gotQuery |= UnsafeBytesIn(r.URL.RawQuery)
			mu.Unlock()
		}),
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	go srv.Serve(ln)
	defer srv.Close()

	// A probe the server rejects closes the connection; each probe has
	// its own, so that one rejection does not fail the others.
	client := &http.Client{Transport: &http.Transport{Protocols: &h2c, DisableKeepAlives: true}, Timeout: 2 * time.Second}
	send := func(target string) {
		// Opaque is sent as the :path as it is: the client checks only
		// that it begins with a slash.
		req := &http.Request{Method: "GET", URL: &url.URL{Scheme: "http", Host: ln.Addr().String(), Opaque: target}, Header: http.Header{}}
		resp, err := client.Do(req)
		if err != nil {
			return // the server reset the stream: nothing reached the handler
		}
		io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
	}
	send("/plain?k=v")
	mu.Lock()
	if handled != 1 {
		t.Fatalf("a plain request did not reach the handler over HTTP/2 (%d handled)", handled)
	}
	mu.Unlock()
	var wg sync.WaitGroup
	for b := 0; b <= 0x7f; b++ {
		if ByteBit(byte(b)) == 0 {
			continue
		}
		for _, target := range []string{"/p" + string(rune(b)) + "a", "/q?k=a" + string(rune(b)) + "b"} {
			wg.Go(func() { send(target) })
		}
	}
	wg.Wait()
	mu.Lock()
	defer mu.Unlock()
	if want := FieldSources["net/http.Request.RequestURI"].Bytes; gotURI != want {
		t.Errorf("r.RequestURI over HTTP/2 held %s; the row says %s", gotURI, want)
	}
	if want := FieldSources["net/http.Request.URL"].Bytes; gotQuery != want {
		t.Errorf("r.URL.RawQuery over HTTP/2 held %s; the row of r.URL says %s", gotQuery, want)
	}
	if FieldTransforms["net/url.URL.RawQuery"] != Quote {
		t.Errorf("URL.RawQuery keeps the space of the target: its transform must be Quote")
	}
}
