package model

// Transform says how a call changes the bytes flowing from its inputs to its
// result.
type Transform uint8

const (
	// Unmodelled: the model says nothing of the call's bytes; its summary
	// or the propagation of its arguments decides.
	Unmodelled Transform = iota
	// Propagate: the result holds whatever its inputs held.
	Propagate
	// Escape: the result comes from the inputs but holds no unsafe byte
	// (url.QueryEscape, hex, base64). The data stays attacker-controlled,
	// so it stays tracked: a later Decode makes it raw again.
	Escape
	// Decode: the result may hold any byte wherever its attacker-controlled
	// inputs came from (url.QueryUnescape, base64 decoding, URL.Path).
	Decode
	// Digest: the result is raw digest bytes, which hold control bytes and
	// spaces whatever the input; only hex or base64 encoding makes them a key.
	Digest
	// Clean: the result holds nothing unsafe and nothing attacker-chosen
	// (a parsed UUID formatted again).
	Clean
	// Quote: the result keeps the space but no control byte (strconv.Quote).
	Quote
	// Special: the function's handler in the flow engine judges the call
	// by its arguments (fmt, strings splitting and replacing, strings.Map,
	// Replacer).
	Special
)

// Source describes attacker-controlled data entering the program.
type Source struct {
	// Desc names the data in a diagnostic: "request data (r.FormValue)".
	Desc string
	// Bytes are the unsafe bytes the data may hold: every one for form
	// values, none for escaped accessors (their length is still unbounded).
	Bytes ByteSet
}

// FieldSources are struct fields whose reads yield attacker data, keyed by
// "pkgpath.Type.Field".
var FieldSources = map[string]Source{
	"net/http.Request.Form":          {Desc: "request data (r.Form)", Bytes: AnyUnsafe},
	"net/http.Request.PostForm":      {Desc: "request data (r.PostForm)", Bytes: AnyUnsafe},
	"net/http.Request.MultipartForm": {Desc: "request data (r.MultipartForm)", Bytes: AnyUnsafe},
	"net/http.Request.Header":        {Desc: "a request header (r.Header)", Bytes: HeaderBytes},
	// Trailers are read by textproto's ReadMIMEHeader, whose
	// validHeaderValueByte takes the same bytes as a header's value.
	"net/http.Request.Trailer": {Desc: "a request trailer (r.Trailer)", Bytes: HeaderBytes},
	"net/http.Request.Body":    {Desc: "the request body (r.Body)", Bytes: AnyUnsafe},
	// The request target: over HTTP/1 it is a token of the request line
	// (no space) and url.ParseRequestURI rejects control bytes. Over
	// HTTP/2 it is the :path pseudo-header, which the framer checks only
	// as a header value (httpguts.ValidHeaderFieldValue lets a space and a
	// tab through) and httpcommon.NewServerRequest parses with the same
	// ParseRequestURI (the tab goes): a space stays, in RequestURI and in
	// the URL's raw parts (RawQuery, RawPath), until something decodes
	// them (URL.Path, Query) into any byte.
	"net/http.Request.URL":        {Desc: "the request URL (r.URL)", Bytes: ByteBit(' ')},
	"net/http.Request.RequestURI": {Desc: "the request URI (r.RequestURI)", Bytes: ByteBit(' ')},
	// An HTTP/1 Host header passes httpguts.ValidHostHeader (server.go's
	// readRequest): letters, digits and "!$&'()*+,-.:;=[]_~%" only. In
	// HTTP/2, r.Host is the :authority pseudo-header, which the server
	// (newWriterAndRequest, httpcommon.NewServerRequest) checks only for
	// "@" and, in the framer, as a header value: a space or a tab stays.
	"net/http.Request.Host": {Desc: "the Host header (r.Host: HTTP/2's :authority is not checked like an HTTP/1 Host header)", Bytes: HeaderBytes},

	// Connect handlers' request messages (connect.Request[T].Msg): the
	// peer's protobuf or JSON, whose string fields hold any valid UTF-8
	// and bytes fields any byte. Msg is the message, read through its
	// pointer.
	"connectrpc.com/connect.Request.Msg": {Desc: "a Connect request message (req.Msg)", Bytes: AnyUnsafe},
	// Peer.Query is the query string of a Connect GET request, parsed
	// (decoded) by url.ParseQuery; Peer.Addr is the remote address,
	// which the peer does not choose.
	"connectrpc.com/connect.Peer.Query": {Desc: "the query of a Connect request (req.Peer().Query)", Bytes: AnyUnsafe},

	// httprouter's Params slice: each Param's Value is cut from
	// req.URL.Path (router.go's ServeHTTP, path := req.URL.Path), the
	// decoded path: any byte. Key is the route's own name.
	"github.com/julienschmidt/httprouter.Param.Value": {Desc: "a route parameter (httprouter.Param.Value)", Bytes: AnyUnsafe},

	// gqlgen's field context: Args are the field's arguments as the
	// client sent them, unmarshalled from the query or its variables.
	"github.com/99designs/gqlgen/graphql.FieldContext.Args": {Desc: "GraphQL field arguments (graphql.FieldContext.Args)", Bytes: AnyUnsafe},
}

// FieldTransforms are struct fields whose reads change the bytes of data
// already tracked in the struct, keyed like FieldSources.
var FieldTransforms = map[string]Transform{
	"net/url.URL.Path": Decode,
	// url.Parse rejects control bytes outside the fragment but keeps a
	// space where it was, in the query and in a path whose escaping differs
	// from the default (RawPath).
	"net/url.URL.RawPath": Quote,
	// Parsing checks the host (parseHost: no space or control byte) and
	// the scheme (letters, digits, "+-.").
	"net/url.URL.Host":        Escape,
	"net/url.URL.Scheme":      Escape,
	"net/url.URL.RawQuery":    Quote,
	"net/url.URL.Fragment":    Decode,
	"net/url.URL.RawFragment": Escape,
	"net/url.URL.Opaque":      Decode,
}

// GlobalSources are package-level variables holding attacker data.
var GlobalSources = map[string]Source{
	"os.Args": {Desc: "a command-line argument (os.Args)", Bytes: AnyUnsafe},
}

// SourceTypes are parameter types whose attacker-controlled contents the
// model already describes through their accessors and fields. A function
// taking one is not a wrapper for it: what the caller passes is the
// framework's request, not data the caller chose.
var SourceTypes = map[string]bool{
	"*net/http.Request":                          true,
	"*github.com/gin-gonic/gin.Context":          true,
	"github.com/labstack/echo/v4.Context":        true,
	"*github.com/gofiber/fiber/v2.Ctx":           true,
	"github.com/gofiber/fiber/v3.Ctx":            true,
	"*gopkg.in/macaron.v1.Context":               true,
	"github.com/julienschmidt/httprouter.Params": true,
	"net/http.ResponseWriter":                    true,
}

// RequestScopedTypes are the frameworks' request and controller types
// that a struct embeds to live for one request: a custom echo context, a
// beego controller. Middleware or a Prepare method stores request data
// into the struct's other fields and a handler the framework calls by
// reflection reads them, so the flow engine treats each such field as one
// place shared by the package's functions.
var RequestScopedTypes = map[string]bool{
	"*github.com/gin-gonic/gin.Context":               true,
	"github.com/labstack/echo/v4.Context":             true,
	"*github.com/gofiber/fiber/v2.Ctx":                true,
	"github.com/beego/beego/v2/server/web.Controller": true,
	"github.com/astaxie/beego.Controller":             true,
	"gopkg.in/macaron.v1.Context":                     true,
	"*gopkg.in/macaron.v1.Context":                    true,
}

// RequestTypes are the SourceTypes that carry an incoming request. A
// function of a dependency cachevet does not analyze that is given one and
// returns text most likely read that text from the request: a client IP
// from X-Forwarded-For, a token from a header, a route parameter.
var RequestTypes = map[string]bool{
	"*net/http.Request":                   true,
	"*github.com/gin-gonic/gin.Context":   true,
	"github.com/labstack/echo/v4.Context": true,
	"*github.com/gofiber/fiber/v2.Ctx":    true,
	"github.com/gofiber/fiber/v3.Ctx":     true,
	"*gopkg.in/macaron.v1.Context":        true,
}
