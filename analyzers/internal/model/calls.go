package model

// Transform says how a call changes the bytes flowing from its inputs to its
// result.
type Transform uint8

const (
	// Propagate: the result holds whatever its inputs held. The default for
	// calls the model does not know.
	Propagate Transform = iota
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
	// Special: the engine judges the call by its arguments (fmt, strings
	// splitting and replacing, strings.Map, Replacer).
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

// CallRule is what the model knows about one function or method.
type CallRule struct {
	Transform Transform
	// Source, if set, makes the result (or the pointee of Into) attacker-controlled.
	Source *Source
	// From lists the argument indexes (receiver = 0) the result is computed
	// from; nil means all of them.
	From []int
	// Into, if positive, is the argument whose pointee receives the data
	// instead of the result (json.Unmarshal's v, io.ReadFull's buf).
	Into int
}

func src(desc string, bytes ByteSet) CallRule {
	return CallRule{Source: &Source{Desc: desc, Bytes: bytes}}
}

func srcInto(desc string, into int) CallRule {
	return CallRule{Source: &Source{Desc: desc, Bytes: AnyUnsafe}, Into: into}
}

// Cookie values cannot hold control bytes (net/http drops such cookies) but
// may hold a space.
const cookieBytes ByteSet = 1 << ' '

const (
	httpReq = "(*net/http.Request)."
	urlURL  = "(*net/url.URL)."
	gin     = "(*github.com/gin-gonic/gin.Context)."
	echo    = "(github.com/labstack/echo/v4.Context)."
	fiber   = "(*github.com/gofiber/fiber/v2.Ctx)."
	b64     = "(*encoding/base64.Encoding)."
	b32     = "(*encoding/base32.Encoding)."
)

// CallRules maps types.Func.FullName to what the model knows about it.
// Functions absent from it propagate their inputs to their result, or use
// the summary cachevet computed for them.
var CallRules = map[string]CallRule{
	// net/http request accessors.
	httpReq + "FormValue":       src("request data (r.FormValue)", AnyUnsafe),
	httpReq + "PostFormValue":   src("request data (r.PostFormValue)", AnyUnsafe),
	httpReq + "PathValue":       src("request path parameter (r.PathValue)", AnyUnsafe),
	httpReq + "UserAgent":       src("the User-Agent header (r.UserAgent)", AnyUnsafe),
	httpReq + "Referer":         src("the Referer header (r.Referer)", AnyUnsafe),
	httpReq + "Cookie":          src("a request cookie (r.Cookie)", cookieBytes),
	httpReq + "Cookies":         src("request cookies (r.Cookies)", cookieBytes),
	httpReq + "CookiesNamed":    src("request cookies (r.CookiesNamed)", cookieBytes),
	httpReq + "BasicAuth":       src("basic-auth credentials (r.BasicAuth)", AnyUnsafe),
	httpReq + "FormFile":        src("an uploaded file (r.FormFile)", AnyUnsafe),
	httpReq + "MultipartReader": src("the multipart request body (r.MultipartReader)", AnyUnsafe),

	// net/url: decoded accessors make escaped data raw again; escaped ones
	// cannot carry a space or CR/LF.
	urlURL + "Query":           {Transform: Decode},
	urlURL + "EscapedPath":     {Transform: Escape},
	urlURL + "EscapedFragment": {Transform: Escape},
	urlURL + "String":          {Transform: Escape},
	urlURL + "RequestURI":      {Transform: Escape},
	urlURL + "Redacted":        {Transform: Escape},
	"net/url.QueryUnescape":    {Transform: Decode},
	"net/url.PathUnescape":     {Transform: Decode},
	"net/url.ParseQuery":       {Transform: Decode},
	"net/url.QueryEscape":      {Transform: Escape},
	"net/url.PathEscape":       {Transform: Escape},
	"(net/url.Values).Encode":  {Transform: Escape},

	// Routers and frameworks.
	"github.com/gorilla/mux.Vars":       src("a route variable (mux.Vars)", AnyUnsafe),
	"github.com/go-chi/chi/v5.URLParam": src("a route parameter (chi.URLParam)", AnyUnsafe),
	"github.com/go-chi/chi.URLParam":    src("a route parameter (chi.URLParam)", AnyUnsafe),
	gin + "Param":                       src("a route parameter (c.Param)", AnyUnsafe),
	gin + "Query":                       src("request data (c.Query)", AnyUnsafe),
	gin + "DefaultQuery":                src("request data (c.DefaultQuery)", AnyUnsafe),
	gin + "GetQuery":                    src("request data (c.GetQuery)", AnyUnsafe),
	gin + "QueryArray":                  src("request data (c.QueryArray)", AnyUnsafe),
	gin + "QueryMap":                    src("request data (c.QueryMap)", AnyUnsafe),
	gin + "PostForm":                    src("request data (c.PostForm)", AnyUnsafe),
	gin + "DefaultPostForm":             src("request data (c.DefaultPostForm)", AnyUnsafe),
	gin + "GetPostForm":                 src("request data (c.GetPostForm)", AnyUnsafe),
	gin + "PostFormArray":               src("request data (c.PostFormArray)", AnyUnsafe),
	gin + "GetHeader":                   src("a request header (c.GetHeader)", AnyUnsafe),
	gin + "Cookie":                      src("a request cookie (c.Cookie)", cookieBytes),
	gin + "GetRawData":                  src("the request body (c.GetRawData)", AnyUnsafe),
	gin + "Bind":                        srcInto("the request body (c.Bind)", 1),
	gin + "BindJSON":                    srcInto("the request body (c.BindJSON)", 1),
	gin + "BindQuery":                   srcInto("request data (c.BindQuery)", 1),
	gin + "BindUri":                     srcInto("route parameters (c.BindUri)", 1),
	gin + "ShouldBind":                  srcInto("the request body (c.ShouldBind)", 1),
	gin + "ShouldBindJSON":              srcInto("the request body (c.ShouldBindJSON)", 1),
	gin + "ShouldBindQuery":             srcInto("request data (c.ShouldBindQuery)", 1),
	gin + "ShouldBindUri":               srcInto("route parameters (c.ShouldBindUri)", 1),
	echo + "Param":                      src("a route parameter (c.Param)", AnyUnsafe),
	echo + "QueryParam":                 src("request data (c.QueryParam)", AnyUnsafe),
	echo + "QueryParams":                src("request data (c.QueryParams)", AnyUnsafe),
	echo + "FormValue":                  src("request data (c.FormValue)", AnyUnsafe),
	echo + "FormParams":                 src("request data (c.FormParams)", AnyUnsafe),
	echo + "Cookie":                     src("a request cookie (c.Cookie)", cookieBytes),
	echo + "Bind":                       srcInto("the request body (c.Bind)", 1),
	// fasthttp, under fiber, checks less than net/http: a cookie or a
	// header value may hold any byte but CR and LF, which the rules do
	// not tell apart from the rest.
	fiber + "Params":          src("a route parameter (c.Params)", AnyUnsafe),
	fiber + "Path":            src("the request path (c.Path)", AnyUnsafe),
	fiber + "Query":           src("request data (c.Query)", AnyUnsafe),
	fiber + "Queries":         src("request data (c.Queries)", AnyUnsafe),
	fiber + "FormValue":       src("request data (c.FormValue)", AnyUnsafe),
	fiber + "Get":             src("a request header (c.Get)", AnyUnsafe),
	fiber + "GetReqHeaders":   src("the request headers (c.GetReqHeaders)", AnyUnsafe),
	fiber + "Cookies":         src("a request cookie (c.Cookies)", AnyUnsafe),
	fiber + "Body":            src("the request body (c.Body)", AnyUnsafe),
	fiber + "BodyRaw":         src("the request body (c.BodyRaw)", AnyUnsafe),
	fiber + "BodyParser":      srcInto("the request body (c.BodyParser)", 1),
	fiber + "QueryParser":     srcInto("request data (c.QueryParser)", 1),
	fiber + "ParamsParser":    srcInto("route parameters (c.ParamsParser)", 1),
	fiber + "ReqHeaderParser": srcInto("the request headers (c.ReqHeaderParser)", 1),
	fiber + "CookieParser":    srcInto("request cookies (c.CookieParser)", 1),

	// Data read from a server-side connection.
	"(net.Listener).Accept":        src("data read from an accepted net.Conn", AnyUnsafe),
	"(*net.TCPListener).Accept":    src("data read from an accepted net.Conn", AnyUnsafe),
	"(*net.TCPListener).AcceptTCP": src("data read from an accepted net.Conn", AnyUnsafe),
	"(*net.UnixListener).Accept":   src("data read from an accepted net.Conn", AnyUnsafe),

	// Calls that move data into a pointer argument.
	"encoding/json.Unmarshal":         {From: []int{0}, Into: 1},
	"(*encoding/json.Decoder).Decode": {From: []int{0}, Into: 1},
	"encoding/xml.Unmarshal":          {From: []int{0}, Into: 1},
	"(*encoding/xml.Decoder).Decode":  {From: []int{0}, Into: 1},
	"io.ReadFull":                     {From: []int{0}, Into: 1},
	"(io.Reader).Read":                {From: []int{0}, Into: 1},
	"(net.Conn).Read":                 {From: []int{0}, Into: 1},
	"(*bufio.Reader).Read":            {From: []int{0}, Into: 1},
	"fmt.Sscan":                       {From: []int{0}, Into: 1},
	"fmt.Sscanf":                      {From: []int{0}, Into: 2},

	// Encoders: safe bytes, still attacker data.
	"encoding/hex.EncodeToString": {Transform: Escape},
	b64 + "EncodeToString":        {Transform: Escape},
	b32 + "EncodeToString":        {Transform: Escape},
	"encoding/hex.Encode":         {Transform: Escape, From: []int{1}, Into: 0},
	b64 + "Encode":                {Transform: Escape, From: []int{2}, Into: 1},
	b32 + "Encode":                {Transform: Escape, From: []int{2}, Into: 1},
	b64 + "AppendEncode":          {Transform: Escape},
	"encoding/hex.AppendEncode":   {Transform: Escape},

	// Decoders: whatever was escaped is raw again.
	"encoding/hex.DecodeString": {Transform: Decode},
	b64 + "DecodeString":        {Transform: Decode},
	b32 + "DecodeString":        {Transform: Decode},
	"html.UnescapeString":       {Transform: Decode},
	"strconv.Unquote":           {Transform: Decode},

	// Digests: raw bytes, unsafe whatever went in.
	"crypto/sha256.Sum256": {Transform: Digest},
	"crypto/sha256.Sum224": {Transform: Digest},
	"crypto/sha512.Sum512": {Transform: Digest},
	"crypto/sha512.Sum384": {Transform: Digest},
	"crypto/sha1.Sum":      {Transform: Digest},
	"crypto/md5.Sum":       {Transform: Digest},
	"(hash.Hash).Sum":      {Transform: Digest},

	// Numbers and UUIDs formatted again are clean.
	"github.com/google/uuid.Parse":         {Transform: Clean},
	"github.com/google/uuid.MustParse":     {Transform: Clean},
	"(github.com/google/uuid.UUID).String": {Transform: Clean},
	"github.com/google/uuid.NewString":     {Transform: Clean},
	"strconv.Itoa":                         {Transform: Clean},
	"strconv.FormatInt":                    {Transform: Clean},
	"strconv.FormatUint":                   {Transform: Clean},
	"strconv.FormatFloat":                  {Transform: Clean},
	"strconv.FormatBool":                   {Transform: Clean},

	// Go-quoting escapes every control byte but keeps the space.
	"strconv.Quote":          {Transform: Quote},
	"strconv.QuoteToASCII":   {Transform: Quote},
	"strconv.QuoteToGraphic": {Transform: Quote},

	// Judged by their arguments.
	"fmt.Sprintf":                 {Transform: Special},
	"fmt.Sprint":                  {Transform: Special},
	"fmt.Sprintln":                {Transform: Special},
	"strings.Fields":              {Transform: Special},
	"strings.Split":               {Transform: Special},
	"strings.SplitN":              {Transform: Special},
	"strings.ReplaceAll":          {Transform: Special},
	"strings.Replace":             {Transform: Special},
	"strings.Map":                 {Transform: Special},
	"(*strings.Replacer).Replace": {Transform: Special},
}

// FieldSources are struct fields whose reads yield attacker data, keyed by
// "pkgpath.Type.Field".
var FieldSources = map[string]Source{
	"net/http.Request.Form":          {Desc: "request data (r.Form)", Bytes: AnyUnsafe},
	"net/http.Request.PostForm":      {Desc: "request data (r.PostForm)", Bytes: AnyUnsafe},
	"net/http.Request.MultipartForm": {Desc: "request data (r.MultipartForm)", Bytes: AnyUnsafe},
	"net/http.Request.Header":        {Desc: "a request header (r.Header)", Bytes: AnyUnsafe},
	"net/http.Request.Trailer":       {Desc: "a request trailer (r.Trailer)", Bytes: AnyUnsafe},
	"net/http.Request.Body":          {Desc: "the request body (r.Body)", Bytes: AnyUnsafe},
	// Escaped on the wire: no space or CR/LF until something decodes them.
	"net/http.Request.URL":        {Desc: "the request URL (r.URL)", Bytes: 0},
	"net/http.Request.RequestURI": {Desc: "the request URI (r.RequestURI)", Bytes: 0},
	"net/http.Request.Host":       {Desc: "the Host header (r.Host)", Bytes: 0},
}

// FieldTransforms are struct fields whose reads change the bytes of data
// already tracked in the struct, keyed like FieldSources.
var FieldTransforms = map[string]Transform{
	"net/url.URL.Path":        Decode,
	"net/url.URL.RawPath":     Escape,
	"net/url.URL.RawQuery":    Escape,
	"net/url.URL.Fragment":    Decode,
	"net/url.URL.RawFragment": Escape,
	"net/url.URL.Opaque":      Decode,
}

// GlobalSources are package-level variables holding attacker data.
var GlobalSources = map[string]Source{
	"os.Args": {Desc: "a command-line argument (os.Args)", Bytes: AnyUnsafe},
}

// NoReturn lists functions that never return, so code after them is dead
// and cannot undo a guard.
var NoReturn = map[string]bool{
	"os.Exit": true, "log.Fatal": true, "log.Fatalf": true, "log.Fatalln": true,
	"log.Panic": true, "log.Panicf": true, "log.Panicln": true,
	"(*log.Logger).Fatal": true, "(*log.Logger).Fatalf": true, "(*log.Logger).Fatalln": true,
	"(*log.Logger).Panic": true, "(*log.Logger).Panicf": true, "(*log.Logger).Panicln": true,
	"runtime.Goexit": true,
}

// ConstantsFlow lists the functions that copy constant arguments into their
// result, so that strings.Join(keys, " ") puts a space in the key while
// strings.TrimPrefix(s, " ") does not.
var ConstantsFlow = map[string]bool{
	"strings.Join": true, "bytes.Join": true, "strings.Repeat": true, "bytes.Repeat": true,
	"strings.Concat": true, "path.Join": true, "path/filepath.Join": true,
}

// SourceTypes are parameter types whose attacker-controlled contents the
// model already describes through their accessors and fields. A function
// taking one is not a wrapper for it: what the caller passes is the
// framework's request, not data the caller chose.
var SourceTypes = map[string]bool{
	"*net/http.Request":                   true,
	"*github.com/gin-gonic/gin.Context":   true,
	"github.com/labstack/echo/v4.Context": true,
	"*github.com/gofiber/fiber/v2.Ctx":    true,
	"net/http.ResponseWriter":             true,
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
}
