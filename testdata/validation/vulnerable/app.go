// Package vulnerable is a small web application with one cache bug per
// cachevet finding class. harm_test.go attacks each handler against the
// reference server and real memcached and checks the damage on the server
// side; cmd/cachevet/validation_test.go runs cachevet -fix on a copy and
// runs the same tests again, which must then find no damage.
//
// Finding classes: 1-3 keyinjection, 4-5 keylength, 6 sensitivedata,
// 7 exposure (the reference server and real memcached).
//
// Every handler bounds what it does not mean to be a finding, so that each
// one has exactly one finding: the keyinjection handlers refuse ids over 64
// bytes (keylength stays quiet), the keylength handlers escape their input
// (keyinjection stays quiet).
package vulnerable

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"os/exec"
	"strconv"
	"strings"
	"sync/atomic"
	"time"

	"github.com/bradfitz/gomemcache/memcache"
	"github.com/cachevet/cachevet/cacheserver"
)

// App is the application: a hand-written text-protocol client dials
// CacheAddr, gomemcache's MC talks to the same server, and Backend is the
// slow database the cache is there to spare.
type App struct {
	CacheAddr string
	MC        *memcache.Client
	Backend   *Backend
}

// Backend counts the requests that reached the database.
type Backend struct{ hits atomic.Int64 }

// Hits returns how many loads reached the database.
func (b *Backend) Hits() int64 { return b.hits.Load() }

// Load fetches what from the database.
func (b *Backend) Load(what string) []byte {
	b.hits.Add(1)
	return []byte("db:" + what)
}

// User is a row of the users table.
type User struct {
	ID           int
	Name         string
	Email        string
	PasswordHash string
}

// dial opens a connection for the hand-written client.
func (a *App) dial() (net.Conn, *bufio.Reader, error) {
	c, err := net.DialTimeout("tcp", a.CacheAddr, time.Second)
	if err != nil {
		return nil, nil, err
	}
	c.SetDeadline(time.Now().Add(2 * time.Second))
	return c, bufio.NewReader(c), nil
}

// readValues reads the VALUE blocks of a get reply up to END.
func readValues(r *bufio.Reader) ([][]byte, error) {
	var vals [][]byte
	for {
		line, err := r.ReadString('\n')
		if err != nil {
			return vals, err
		}
		line = strings.TrimRight(line, "\r\n")
		if line == "END" {
			return vals, nil
		}
		f := strings.Fields(line)
		if len(f) != 4 || f[0] != "VALUE" {
			return vals, fmt.Errorf("memcached: %s", line)
		}
		n, err := strconv.Atoi(f[3])
		if err != nil {
			return vals, err
		}
		b := make([]byte, n+2)
		if _, err := io.ReadFull(r, b); err != nil {
			return vals, err
		}
		vals = append(vals, b[:n])
	}
}

// cached returns the value cached under key, or loads what from the
// database and caches it. A key gomemcache refuses (ErrMalformedKey) is a
// miss every time.
func (a *App) cached(key, what string) []byte {
	if it, err := a.MC.Get(key); err == nil {
		return it.Value
	}
	v := a.Backend.Load(what)
	a.MC.Set(&memcache.Item{Key: key, Value: v, Expiration: 300})
	return v
}

// Item serves /item?id=... through the hand-written client.
// Finding class 1: keyinjection, CRLF in the key injects a command.
func (a *App) Item(w http.ResponseWriter, r *http.Request) {
	id := r.FormValue("id")
	if len(id) > 64 {
		http.Error(w, "id too long", http.StatusBadRequest)
		return
	}
	conn, br, err := a.dial()
	if err != nil {
		http.Error(w, err.Error(), http.StatusBadGateway)
		return
	}
	defer conn.Close()
	fmt.Fprintf(conn, "get %s\r\n", id)
	vals, err := readValues(br)
	if err == nil && len(vals) > 0 {
		w.Write(vals[0])
		return
	}
	w.Write(a.Backend.Load("item " + id))
}

// Profile serves /profile?id=..., writing what the cache returns.
// Finding class 2: keyinjection, a space turns get into a multi-get.
func (a *App) Profile(w http.ResponseWriter, r *http.Request) {
	id := r.FormValue("id")
	if len(id) > 64 {
		http.Error(w, "id too long", http.StatusBadRequest)
		return
	}
	conn, br, err := a.dial()
	if err != nil {
		http.Error(w, err.Error(), http.StatusBadGateway)
		return
	}
	defer conn.Close()
	fmt.Fprintf(conn, "get profile:%s\r\n", id)
	vals, err := readValues(br)
	if err == nil && len(vals) > 0 {
		for _, v := range vals {
			w.Write(v)
			w.Write([]byte("\n"))
		}
		return
	}
	w.Write(a.Backend.Load("profile " + id))
}

// Product serves /product?id=... through gomemcache.
// Finding class 3: keyinjection, a space makes gomemcache refuse the key
// (ErrMalformedKey), so every such request reaches the database.
func (a *App) Product(w http.ResponseWriter, r *http.Request) {
	id := r.FormValue("id")
	if len(id) > 64 {
		http.Error(w, "id too long", http.StatusBadRequest)
		return
	}
	w.Write(a.cached("product:"+id, "product "+id))
}

// SaveDraft serves POST /draft?title=...&body=... through the hand-written
// client. Finding class 4: keylength, a key over 250 bytes makes memcached
// 1.6.18 reject the set line and run the data block (the body) as a
// command.
func (a *App) SaveDraft(w http.ResponseWriter, r *http.Request) {
	title, body := r.FormValue("title"), r.FormValue("body")
	key := "draft:" + url.QueryEscape(title)
	conn, br, err := a.dial()
	if err != nil {
		http.Error(w, err.Error(), http.StatusBadGateway)
		return
	}
	defer conn.Close()
	fmt.Fprintf(conn, "set %s 0 0 %d\r\n%s\r\n", key, len(body), body)
	reply, _ := br.ReadString('\n')
	w.Write([]byte(reply))
}

// Search serves /search?q=... through gomemcache.
// Finding class 5: keylength, a long query makes gomemcache refuse the key,
// so every such request reaches the database.
func (a *App) Search(w http.ResponseWriter, r *http.Request) {
	q := r.FormValue("q")
	w.Write(a.cached("search:"+url.QueryEscape(q), "search "+q))
}

// UserPage serves /user?id=..., caching the whole user row.
// Finding class 6: sensitivedata, the e-mail address and the password hash
// are cached, where anyone who reaches the server can dump them.
func (a *App) UserPage(w http.ResponseWriter, r *http.Request) {
	id, err := strconv.Atoi(r.FormValue("id"))
	if err != nil {
		http.Error(w, "bad id", http.StatusBadRequest)
		return
	}
	u := User{
		ID:           id,
		Name:         "alice",
		Email:        "alice@example.com",
		PasswordHash: "$2a$10$N9qo8uLOickgx2ZMRZoMyeIjZAgcfl7p92ldGxad68LJZdL17lhWy",
	}
	b, _ := json.Marshal(u)
	a.MC.Set(&memcache.Item{Key: "user:" + strconv.Itoa(id), Value: b, Expiration: 600})
	fmt.Fprintf(w, "hello %s\n", u.Name)
}

// StartCache starts the application's embedded cache on port (0 picks one).
// Finding class 7: exposure, it listens on every interface.
func StartCache(port int) (*cacheserver.Server, error) {
	srv, err := cacheserver.New(cacheserver.Config{ListenAddrs: []string{"0.0.0.0"}, Port: port})
	if err != nil {
		return nil, err
	}
	if err := srv.Start(); err != nil {
		return nil, err
	}
	return srv, nil
}

// MemcachedPort is the port StartMemcached listens on.
const MemcachedPort = 27211

// StartMemcached starts memcached for the application.
// Finding class 7, with real memcached: without -l it binds every
// interface.
func StartMemcached() (*exec.Cmd, error) {
	cmd := exec.Command("memcached", "-u", "root", "-U", "0", "-p", "27211")
	return cmd, cmd.Start()
}
