package sources

import (
	"encoding/json"
	"io"
	"net"
	"net/http"
	"os"

	"github.com/bradfitz/gomemcache/memcache"
	"github.com/gin-gonic/gin"
	"github.com/go-chi/chi/v5"
	"github.com/gofiber/fiber/v2"
	"github.com/gorilla/mux"
	grafana "github.com/grafana/gomemcache/memcache"
	"github.com/labstack/echo/v4"
)

var mc = memcache.New("127.0.0.1:11211")

func request(r *http.Request) {
	mc.Get(r.FormValue("id"))                 // want `request data \(r\.FormValue\) reaches the memcache key of \(\*memcache\.Client\)\.Get unescaped: a space, CR/LF or other control byte in it makes gomemcache fail with ErrMalformedKey`
	mc.Delete(r.PostFormValue("id"))          // want `request data \(r\.PostFormValue\) reaches the memcache key of \(\*memcache\.Client\)\.Delete`
	mc.Touch(r.PathValue("id"), 10)           // want `request path parameter \(r\.PathValue\) reaches the memcache key of \(\*memcache\.Client\)\.Touch`
	mc.Increment(r.UserAgent(), 1)            // want `the User-Agent header`
	mc.Decrement(r.Referer(), 1)              // want `the Referer header`
	mc.GetAndTouch(r.Header.Get("X-Key"), 10) // want `a request header \(r\.Header\)`
	mc.Get(r.Form.Get("id"))                  // want `request data \(r\.Form\)`
	mc.Get(r.PostForm["id"][0])               // want `request data \(r\.PostForm\)`
	mc.Get(r.URL.Query().Get("q"))            // want `the request URL \(r\.URL\) reaches`
	mc.Get(r.URL.Path)                        // want `the request URL \(r\.URL\) reaches`
	if c, err := r.Cookie("session"); err == nil {
		mc.Get(c.Value) // want `a request cookie \(r\.Cookie\) reaches the memcache key of \(\*memcache\.Client\)\.Get unescaped: a space in it`
	}
	user, _, _ := r.BasicAuth()
	mc.Get("user:" + user) // want `basic-auth credentials`
}

// The raw request target cannot carry CR/LF, but over HTTP/2 its :path
// may hold a space, which the query keeps as it is; the escaped path and
// the parsed host cannot.
func escapedAccessors(r *http.Request) {
	mc.Get(r.URL.RawQuery)     // want `the request URL \(r\.URL\) reaches the memcache key of \(\*memcache\.Client\)\.Get unescaped: a space in it`
	mc.Get(r.URL.String())     // want `the request URL \(r\.URL\) reaches the memcache key of \(\*memcache\.Client\)\.Get unescaped: a space in it`
	mc.Get(r.RequestURI)       // want `the request URI \(r\.RequestURI\) reaches the memcache key of \(\*memcache\.Client\)\.Get unescaped: a space in it`
	mc.Get(r.URL.RequestURI()) // want `the request URL \(r\.URL\) reaches the memcache key of \(\*memcache\.Client\)\.Get unescaped: a space in it`
	mc.Get(r.URL.EscapedPath())
	mc.Get(r.URL.Hostname() + ":" + r.URL.Port() + r.URL.Scheme)
}

type lookup struct {
	ID   string `json:"id"`
	Page int    `json:"page"`
}

func body(r *http.Request) {
	b, _ := io.ReadAll(r.Body)
	mc.Get(string(b)) // want `the request body \(r\.Body\)`

	var req lookup
	if err := json.NewDecoder(r.Body).Decode(&req); err != nil {
		return
	}
	mc.Get("lookup:" + req.ID) // want `the request body \(r\.Body\)`

	var req2 lookup
	json.Unmarshal(b, &req2)
	mc.Get(req2.ID) // want `the request body \(r\.Body\)`
}

func items(r *http.Request) {
	id := r.FormValue("id")
	mc.Set(&memcache.Item{Key: "user:" + id, Value: []byte("v")}) // want `request data \(r\.FormValue\) reaches the Key of the Item passed to \(\*memcache\.Client\)\.Set`
	mc.Add(&memcache.Item{Key: id})                               // want `Item passed to \(\*memcache\.Client\)\.Add`
	mc.Replace(&memcache.Item{Key: id})                           // want `Item passed to \(\*memcache\.Client\)\.Replace`
	mc.Append(&memcache.Item{Key: id})                            // want `Item passed to \(\*memcache\.Client\)\.Append`
	mc.Prepend(&memcache.Item{Key: id})                           // want `Item passed to \(\*memcache\.Client\)\.Prepend`
	it := &memcache.Item{Value: []byte(id)}
	it.Key = id // want `Item passed to \(\*memcache\.Client\)\.CompareAndSwap`
	mc.CompareAndSwap(it)

	// The value is not a key.
	mc.Set(&memcache.Item{Key: "const", Value: []byte(id)})
}

func multi(r *http.Request) {
	mc.GetMulti([]string{"a", r.FormValue("b")}) // want `memcache key of \(\*memcache\.Client\)\.GetMulti`
	mc.GetMulti(r.Form["k"])                     // want `memcache key of \(\*memcache\.Client\)\.GetMulti`
	keys := []string{"a"}
	keys = append(keys, r.FormValue("c"))
	mc.GetMulti(keys) // want `memcache key of \(\*memcache\.Client\)\.GetMulti`
}

func routers(r *http.Request, g *gin.Context, e echo.Context) {
	mc.Get(mux.Vars(r)["id"])     // want `a route variable \(mux\.Vars\)`
	mc.Get(chi.URLParam(r, "id")) // want `a route parameter \(chi\.URLParam\)`
	mc.Get(g.Param("id"))         // want `a route parameter \(c\.Param\)`
	mc.Get(g.Query("q"))          // want `request data \(c\.Query\)`
	var body lookup
	if g.ShouldBindJSON(&body) == nil {
		mc.Get(body.ID) // want `the request body \(c\.ShouldBindJSON\)`
	}
	mc.Get(e.QueryParam("q")) // want `request data \(c\.QueryParam\)`
	mc.Get(e.Param("id"))     // want `a route parameter \(c\.Param\)`
}

func fiberHandler(c *fiber.Ctx) error {
	mc.Get("user:" + c.Params("id")) // want `a route parameter \(c\.Params\)`
	mc.Get(c.Query("q", "default"))  // want `request data \(c\.Query\)`
	mc.Get(c.Get("X-Tenant"))        // want `a request header \(c\.Get\)`
	mc.Get(c.Cookies("session"))     // want `a request cookie \(c\.Cookies\)`
	mc.Get(string(c.Body()))         // want `the request body \(c\.Body\)`
	mc.Get("page:" + c.Path())       // want `the request path \(c\.Path\)`
	var body lookup
	if c.BodyParser(&body) == nil {
		mc.Get(body.ID) // want `the request body \(c\.BodyParser\)`
	}
	// Locals holds what the application's own middleware stored.
	if id, ok := c.Locals("userID").(string); ok {
		mc.Get("user:" + id)
	}
	return nil
}

func commandLine() {
	mc.Get(os.Args[1]) // want `a command-line argument \(os\.Args\)`
}

func connection(ln net.Listener) {
	conn, _ := ln.Accept()
	buf := make([]byte, 64)
	n, _ := conn.Read(buf)
	mc.Get(string(buf[:n])) // want `data read from an accepted net\.Conn`
}

func dialed() {
	// Data from a connection we dialed is the server's, not an attacker's.
	conn, _ := net.Dial("tcp", "127.0.0.1:11211")
	buf := make([]byte, 64)
	n, _ := conn.Read(buf)
	mc.Get(string(buf[:n]))
}

func otherClient(r *http.Request) {
	g := grafana.New("127.0.0.1:11211")
	g.Get(r.FormValue("id")) // want `memcache key of \(\*memcache\.Client\)\.Get`
}

func flows(r *http.Request) {
	q := r.FormValue("q")
	m := map[string]string{"k": q}
	mc.Get(m["k"]) // want `request data`

	type holder struct{ key string }
	h := holder{key: q}
	mc.Get(h.key) // want `request data`

	var key string
	func() { key = q }()
	mc.Get(key) // want `request data`

	get := func() { mc.Get(q) } // want `request data`
	get()

	ch := make(chan string, 1)
	ch <- q
	mc.Get(<-ch) // want `request data`

	k := "x"
	if len(q) > 3 {
		k = q
	}
	mc.Get(k) // want `request data`
}
