package model

const (
	httpReq = "(*net/http.Request)."
	urlURL  = "(*net/url.URL)."
	gin     = "(*github.com/gin-gonic/gin.Context)."
	echo    = "(github.com/labstack/echo/v4.Context)."
	fiber   = "(*github.com/gofiber/fiber/v2.Ctx)."
	b64     = "(*encoding/base64.Encoding)."
	b32     = "(*encoding/base32.Encoding)."
	logger  = "(*log.Logger)."

	httprouter = "github.com/julienschmidt/httprouter."
	macaron    = "(*gopkg.in/macaron.v1.Context)."
	fiber3     = "(github.com/gofiber/fiber/v3.Ctx)."
	fiber3Bind = "(*github.com/gofiber/fiber/v3.Bind)."
	connectReq = "(*connectrpc.com/connect.Request[_])."
	grpcMD     = "google.golang.org/grpc/metadata."
)

// Funcs maps types.Func.FullName to what the model knows about the
// function: one row each. Functions absent from it propagate their inputs
// to their result, or use the summary cachevet computed for them.
var Funcs = map[string]Func{
	// net/http request accessors.
	httpReq + "FormValue":       src("request data (r.FormValue)", AnyUnsafe),
	httpReq + "PostFormValue":   src("request data (r.PostFormValue)", AnyUnsafe),
	httpReq + "PathValue":       src("request path parameter (r.PathValue)", AnyUnsafe),
	httpReq + "UserAgent":       src("the User-Agent header (r.UserAgent)", HeaderBytes),
	httpReq + "Referer":         src("the Referer header (r.Referer)", HeaderBytes),
	httpReq + "Cookie":          src("a request cookie (r.Cookie)", cookieBytes),
	httpReq + "Cookies":         src("request cookies (r.Cookies)", cookieBytes),
	httpReq + "CookiesNamed":    src("request cookies (r.CookiesNamed)", cookieBytes),
	httpReq + "BasicAuth":       src("basic-auth credentials (r.BasicAuth)", AnyUnsafe),
	httpReq + "FormFile":        src("an uploaded file (r.FormFile)", AnyUnsafe),
	httpReq + "MultipartReader": src("the multipart request body (r.MultipartReader)", AnyUnsafe),

	// net/url: decoded accessors make escaped data raw again; escaped ones
	// cannot carry a space or CR/LF. String, RequestURI and Redacted copy
	// RawQuery as it is, so a space in it stays. URL escaping may triple
	// its input.
	urlURL + "Query":           {Transform: Decode},
	urlURL + "EscapedPath":     {Transform: Escape},
	urlURL + "EscapedFragment": {Transform: Escape},
	urlURL + "String":          {Transform: Quote},
	urlURL + "RequestURI":      {Transform: Quote},
	urlURL + "Redacted":        {Transform: Quote},
	urlURL + "Hostname":        {Transform: Escape},
	urlURL + "Port":            {Transform: Escape},
	"net/url.QueryUnescape":    {Transform: Decode},
	"net/url.PathUnescape":     {Transform: Decode},
	"net/url.ParseQuery":       {Transform: Decode},
	"net/url.QueryEscape":      {Transform: Escape, Length: specialLen},
	"net/url.PathEscape":       {Transform: Escape, Length: specialLen},
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

	// httprouter v1.3.0: the parameters are cut from req.URL.Path, the
	// decoded path (ServeHTTP: path := req.URL.Path), so they may hold
	// any byte; ParamsFromContext returns the same Params.
	"(" + httprouter + "Params).ByName": src("a route parameter (ps.ByName)", AnyUnsafe),
	httprouter + "ParamsFromContext":    src("route parameters (httprouter.ParamsFromContext)", AnyUnsafe),

	// macaron v1.4.0 (gopkg.in/macaron.v1, behind old Gitea and Gogs;
	// github.com/go-macaron/macaron is not served). Params come from the
	// decoded path, Query and QueryStrings from Req.Form; ParamsEscape and
	// QueryEscape are template.HTMLEscapeString, which rewrites only
	// <>&'" and NUL: a space or CR/LF stays. GetCookie URL-unescapes the
	// cookie (url.QueryUnescape), so unlike r.Cookie it may hold any
	// byte. RemoteAddr is X-Real-IP or X-Forwarded-For when present.
	// ParamsInt, QueryInt and GetCookieInt return numbers, which carry
	// no byte and format short: they need no row. Req embeds
	// *http.Request, whose rows apply to ctx.Req.Header and the rest.
	macaron + "Params":                          src("a route parameter (ctx.Params)", AnyUnsafe),
	macaron + "AllParams":                       src("route parameters (ctx.AllParams)", AnyUnsafe),
	macaron + "ParamsEscape":                    src("a route parameter, HTML-escaped (ctx.ParamsEscape)", AnyUnsafe&^1),
	macaron + "Query":                           src("request data (ctx.Query)", AnyUnsafe),
	macaron + "QueryTrim":                       src("request data (ctx.QueryTrim)", AnyUnsafe),
	macaron + "QueryStrings":                    src("request data (ctx.QueryStrings)", AnyUnsafe),
	macaron + "QueryEscape":                     src("request data, HTML-escaped (ctx.QueryEscape)", AnyUnsafe&^1),
	macaron + "GetCookie":                       src("a request cookie, URL-unescaped (ctx.GetCookie)", AnyUnsafe),
	macaron + "RemoteAddr":                      src("the X-Real-IP or X-Forwarded-For header (ctx.RemoteAddr)", HeaderBytes),
	"(*gopkg.in/macaron.v1.RequestBody).String": src("the request body (ctx.Req.Body().String)", AnyUnsafe),
	"(*gopkg.in/macaron.v1.RequestBody).Bytes":  src("the request body (ctx.Req.Body().Bytes)", AnyUnsafe),

	// fiber v3: Ctx is an interface (ctx_interface_gen.go) and the
	// generic Params, Query and GetReqHeader convert what its methods
	// return. fasthttp underneath checks less than net/http, as for v2.
	fiber3 + "Params":                          src("a route parameter (c.Params)", AnyUnsafe),
	fiber3 + "Query":                           src("request data (c.Query)", AnyUnsafe),
	fiber3 + "Queries":                         src("request data (c.Queries)", AnyUnsafe),
	fiber3 + "FormValue":                       src("request data (c.FormValue)", AnyUnsafe),
	fiber3 + "Get":                             src("a request header (c.Get)", AnyUnsafe),
	fiber3 + "GetHeaders":                      src("the request headers (c.GetHeaders)", AnyUnsafe),
	fiber3 + "GetReqHeaders":                   src("the request headers (c.GetReqHeaders)", AnyUnsafe),
	fiber3 + "Cookies":                         src("a request cookie (c.Cookies)", AnyUnsafe),
	fiber3 + "Body":                            src("the request body (c.Body)", AnyUnsafe),
	fiber3 + "BodyRaw":                         src("the request body (c.BodyRaw)", AnyUnsafe),
	fiber3 + "Path":                            src("the request path (c.Path)", AnyUnsafe),
	fiber3 + "OriginalURL":                     src("the request URL (c.OriginalURL)", AnyUnsafe),
	fiber3 + "Host":                            src("the Host header (c.Host)", AnyUnsafe),
	fiber3 + "Hostname":                        src("the Host header (c.Hostname)", AnyUnsafe),
	fiber3 + "Subdomains":                      src("the Host header's subdomains (c.Subdomains)", AnyUnsafe),
	"github.com/gofiber/fiber/v3.Params":       src("a route parameter (fiber.Params)", AnyUnsafe),
	"github.com/gofiber/fiber/v3.Query":        src("request data (fiber.Query)", AnyUnsafe),
	"github.com/gofiber/fiber/v3.GetReqHeader": src("a request header (fiber.GetReqHeader)", AnyUnsafe),
	fiber3Bind + "Body":                        srcInto("the request body (c.Bind().Body)", 1),
	fiber3Bind + "JSON":                        srcInto("the request body (c.Bind().JSON)", 1),
	fiber3Bind + "XML":                         srcInto("the request body (c.Bind().XML)", 1),
	fiber3Bind + "CBOR":                        srcInto("the request body (c.Bind().CBOR)", 1),
	fiber3Bind + "MsgPack":                     srcInto("the request body (c.Bind().MsgPack)", 1),
	fiber3Bind + "Form":                        srcInto("request data (c.Bind().Form)", 1),
	fiber3Bind + "Query":                       srcInto("request data (c.Bind().Query)", 1),
	fiber3Bind + "URI":                         srcInto("route parameters (c.Bind().URI)", 1),
	fiber3Bind + "Header":                      srcInto("the request headers (c.Bind().Header)", 1),
	fiber3Bind + "Cookie":                      srcInto("request cookies (c.Bind().Cookie)", 1),
	fiber3Bind + "All":                         srcInto("request data (c.Bind().All)", 1),

	// Connect v1.21.1: Header() is the request's http.Header (net/http
	// checked it: a space or a tab at most); the message is the field
	// Msg and the query Peer().Query (see FieldSources).
	connectReq + "Header": src("a Connect request header (req.Header)", HeaderBytes),
	// The server side of its streams (handler_stream.go): a client
	// stream's Msg after Receive, a bidirectional stream's Receive.
	"(*connectrpc.com/connect.ClientStream[Req]).Msg":              src("a Connect stream message (stream.Msg)", AnyUnsafe),
	"(*connectrpc.com/connect.ClientStream[Req]).RequestHeader":    src("a Connect request header (stream.RequestHeader)", HeaderBytes),
	"(*connectrpc.com/connect.BidiStream[Req, Res]).Receive":       src("a Connect stream message (stream.Receive)", AnyUnsafe),
	"(*connectrpc.com/connect.BidiStream[Req, Res]).RequestHeader": src("a Connect request header (stream.RequestHeader)", HeaderBytes),

	// gRPC v1.85.0 metadata: the request's headers, which the HTTP/2
	// framer (golang.org/x/net/http2, readMetaFrame) checks as header
	// values, except those whose key ends in "-bin": the transport
	// base64-decodes them (http2_server.go operateHeaders,
	// decodeMetadataHeader), and they may hold any byte. A constant key
	// argument tells which (see Func.MetadataKey).
	grpcMD + "FromIncomingContext":      src("gRPC request metadata (metadata.FromIncomingContext)", AnyUnsafe),
	grpcMD + "ValueFromIncomingContext": {Source: &Source{Desc: "gRPC request metadata (metadata.ValueFromIncomingContext)", Bytes: AnyUnsafe}, MetadataKey: 1},
	"(" + grpcMD + "MD).Get":            {Transform: Propagate, From: []int{0}, MetadataKey: 1},
	// A streaming handler's messages: Recv of the generic stream types
	// protoc-gen-go-grpc names (stream_interfaces.go), RecvMsg of the
	// ServerStream older generated code wraps; the server side only, a
	// client stream's messages are the server's.
	"(google.golang.org/grpc.ClientStreamingServer[Req, Res any]).Recv": src("a gRPC stream message (stream.Recv)", AnyUnsafe),
	"(google.golang.org/grpc.BidiStreamingServer[Req, Res any]).Recv":   src("a gRPC stream message (stream.Recv)", AnyUnsafe),
	"(google.golang.org/grpc.ServerStream).RecvMsg":                     srcInto("a gRPC stream message (stream.RecvMsg)", 1),

	// Data read from a server-side connection.
	"(net.Listener).Accept":        src("data read from an accepted net.Conn", AnyUnsafe),
	"(*net.TCPListener).Accept":    src("data read from an accepted net.Conn", AnyUnsafe),
	"(*net.TCPListener).AcceptTCP": src("data read from an accepted net.Conn", AnyUnsafe),
	"(*net.UnixListener).Accept":   src("data read from an accepted net.Conn", AnyUnsafe),

	// Calls that move data into a pointer argument.
	"encoding/json.Unmarshal":         readInto(1),
	"(*encoding/json.Decoder).Decode": readInto(1),
	"encoding/xml.Unmarshal":          readInto(1),
	"(*encoding/xml.Decoder).Decode":  readInto(1),
	"io.ReadFull":                     readInto(1),
	"(io.Reader).Read":                readInto(1),
	"(net.Conn).Read":                 readInto(1),
	"(*bufio.Reader).Read":            readInto(1),
	"fmt.Sscan":                       readInto(1),
	"fmt.Sscanf":                      readInto(2),

	// Encoders: safe bytes, still attacker data, longer by the encoding's
	// ratio (base64's receiver is argument 0).
	"encoding/hex.EncodeToString": {Transform: Escape, Length: scaledLen(0, 2, 1, 0, "hex.EncodeToString"), Unreserved: true},
	b64 + "EncodeToString":        {Transform: Escape, Length: scaledLen(1, 4, 3, 3, "base64")},
	b32 + "EncodeToString":        {Transform: Escape, Length: scaledLen(1, 8, 5, 7, "base32")},
	"encoding/hex.Encode":         {Transform: Escape, From: []int{1}, Into: 0},
	b64 + "Encode":                {Transform: Escape, From: []int{2}, Into: 1},
	b32 + "Encode":                {Transform: Escape, From: []int{2}, Into: 1},
	b64 + "AppendEncode":          {Transform: Escape},
	"encoding/hex.AppendEncode":   {Transform: Escape},

	// Decoders: whatever was escaped is raw again. Their nil error says
	// something of the text decoded too. hex.Decode looks every byte up
	// in reverseHexTable and fails on one that is no hex digit (an odd
	// length fails too), so the text holds only hex digits, of any
	// length. base64 and base32 decoding skip CR and LF wherever they are
	// (decodeQuantum, "\r" and "\n" are stripped) and accept only the
	// alphabet and the padding otherwise: CR and LF may remain. The
	// package's encodings have printable alphabets and '=' padding; a
	// custom one (NewEncoding forbids only CR and LF in it) is not told
	// apart.
	"encoding/hex.DecodeString": {Transform: Decode, Validates: &Validation{Arg: 0, Removes: AnyUnsafe, MaxLen: NoBound}},
	b64 + "DecodeString":        {Transform: Decode, Validates: &Validation{Arg: 1, Removes: AnyUnsafe &^ crlf, MaxLen: NoBound}},
	b32 + "DecodeString":        {Transform: Decode, Validates: &Validation{Arg: 1, Removes: AnyUnsafe &^ crlf, MaxLen: NoBound}},
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

	// Numbers and UUIDs formatted again are clean, short and unreserved.
	//
	// uuid.Parse (v1.6.0) accepts 32, 36, 38 and 45 bytes; for 38 it
	// drops the first byte (s = s[1:]) and never looks at it or at the
	// last, so "\n" + a UUID + "\r" parses: its nil error bounds the
	// text's length and no byte. ParseBytes is the same. uuid.Validate
	// checks the braces, the "urn:uuid:" prefix (strings.EqualFold, no
	// unsafe byte folds to a letter), the hyphens and every hex pair
	// (xtob): only hex digits, '-', '{', '}' and the prefix remain.
	"github.com/google/uuid.Parse":         {Transform: Clean, Validates: &Validation{Arg: 0, MaxLen: 45}},
	"github.com/google/uuid.ParseBytes":    {Transform: Clean, Validates: &Validation{Arg: 0, MaxLen: 45}},
	"github.com/google/uuid.Validate":      {Validates: &Validation{Arg: 0, Removes: AnyUnsafe, MaxLen: 45}},
	"github.com/google/uuid.MustParse":     {Transform: Clean},
	"(github.com/google/uuid.UUID).String": {Transform: Clean, Length: fixedLen(36), Unreserved: true},
	"github.com/google/uuid.NewString":     {Transform: Clean, Length: fixedLen(36), Unreserved: true},
	"strconv.Itoa":                         {Transform: Clean, Length: fixedLen(20), Unreserved: true, Role: FormatDecimal},
	"strconv.FormatInt":                    {Transform: Clean, Length: specialLen, Unreserved: true},
	"strconv.FormatUint":                   {Transform: Clean, Length: specialLen, Unreserved: true},
	"strconv.FormatFloat":                  {Transform: Clean},
	"strconv.FormatBool":                   {Transform: Clean, Length: fixedLen(5)},
	"(time.Time).Format":                   {Length: specialLen},

	// Parsers whose nil error proves the text a number (the result, a
	// number, carries nothing). ParseUint (internal/strconv) takes an
	// optional base prefix (0b, 0o, 0x for base 0), then digits and
	// letters below the base (lower(c) = c|0x20 maps no unsafe byte to a
	// letter), and '_' for base 0 only; ParseInt adds a sign; Atoi's fast
	// path takes a sign and digits ('0' <= c <= '9' after ch -= '0'
	// wraps) and the rest goes to ParseInt. Leading zeros are accepted,
	// so no length is bounded. ParseFloat (readFloat, special) takes a
	// sign, digits, '_', '.', an exponent, a hex mantissa, "inf",
	// "infinity" and "nan" in any case, and must consume the whole text:
	// no space either side. ParseBool accepts twelve spellings, the
	// longest "false".
	"strconv.Atoi":       {Validates: &Validation{Arg: 0, Removes: AnyUnsafe, MaxLen: NoBound}},
	"strconv.ParseInt":   {Validates: &Validation{Arg: 0, Removes: AnyUnsafe, MaxLen: NoBound}},
	"strconv.ParseUint":  {Validates: &Validation{Arg: 0, Removes: AnyUnsafe, MaxLen: NoBound}},
	"strconv.ParseFloat": {Validates: &Validation{Arg: 0, Removes: AnyUnsafe, MaxLen: NoBound}},
	"strconv.ParseBool":  {Validates: &Validation{Arg: 0, Removes: AnyUnsafe, MaxLen: 5}},

	// Addresses. net.ParseIP returns nil unless netip.ParseAddr succeeds
	// and the address has no zone: what remains is digits, hex digits,
	// '.' and ':', netip allowing at most four hex digits a group and no
	// leading zero in an IPv4 octet, so at most 45 bytes
	// ("ffff:ffff:ffff:ffff:ffff:ffff:255.255.255.255").
	// netip.ParseAddr itself accepts any non-empty zone after '%'
	// ("fe80::1%a b\r\n" parses, and Addr.String prints it back), so it
	// has no row: its nil error proves nothing.
	"net.ParseIP": {Validates: &Validation{Arg: 0, Removes: AnyUnsafe, MaxLen: 45, Success: NonNilResult}},

	// URLs. url.Parse cuts the fragment off before parse, which rejects
	// control bytes (stringContainsCTLByte: below ' ' and DEL), and
	// setFragment checks only its escapes: "/a#b\r\n" parses, so url.Parse
	// has no row. ParseRequestURI takes no fragment and checks all of its
	// text: a space may remain.
	"net/url.ParseRequestURI": {Validates: &Validation{Arg: 0, Removes: AnyUnsafe &^ (1 << ' '), MaxLen: NoBound}},

	// Go-quoting escapes every control byte but keeps the space; \U
	// escapes are ten bytes long.
	"strconv.Quote":          {Transform: Quote, Length: scaledLen(0, 10, 1, 2, "")},
	"strconv.QuoteToASCII":   {Transform: Quote},
	"strconv.QuoteToGraphic": {Transform: Quote},

	// fmt and the strings package, judged by their arguments.
	"fmt.Sprintf":                 {Transform: Special, Length: specialLen, Role: Printf},
	"fmt.Sprint":                  {Transform: Special, Length: specialLen, Role: Print},
	"fmt.Sprintln":                {Transform: Special, Role: Println},
	"fmt.Appendf":                 {Transform: Special, Length: specialLen},
	"fmt.Append":                  {Transform: Special, Length: specialLen},
	"fmt.Appendln":                {Transform: Special},
	"strings.Fields":              {Transform: Special, Role: SplitFields},
	"strings.Split":               {Transform: Special, Role: SplitSeparator},
	"strings.SplitN":              {Transform: Special},
	"strings.ReplaceAll":          {Transform: Special, Length: specialLen},
	"strings.Replace":             {Transform: Special, Length: specialLen},
	"strings.Map":                 {Transform: Special},
	"(*strings.Replacer).Replace": {Transform: Special},
	"strings.NewReplacer":         {Role: BuildsReplacer},
	"strings.Join":                {CopiesConstants: true, Length: collectionLen("strings.Join of a slice"), Role: JoinStrings},
	"bytes.Join":                  {CopiesConstants: true},
	"strings.Repeat":              {CopiesConstants: true, Length: specialLen},
	"bytes.Repeat":                {CopiesConstants: true},
	"path.Join":                   {CopiesConstants: true},
	"path/filepath.Join":          {CopiesConstants: true},
	"net.JoinHostPort":            {Role: JoinHostPort},
	// Case mapping may replace each invalid byte by the three of U+FFFD;
	// trimming only shortens.
	"strings.ToLower":    {Length: scaledLen(0, 3, 1, 0, "")},
	"strings.ToUpper":    {Length: scaledLen(0, 3, 1, 0, "")},
	"strings.TrimSpace":  {Length: sameLen(0)},
	"strings.Trim":       {Length: sameLen(0)},
	"strings.TrimLeft":   {Length: sameLen(0)},
	"strings.TrimRight":  {Length: sameLen(0)},
	"strings.TrimPrefix": {Length: sameLen(0)},
	"strings.TrimSuffix": {Length: sameLen(0)},
	"path.Base":          {Length: sameLen(0)},
	"path/filepath.Base": {Length: sameLen(0)},

	// Tests that guard a key.
	"strings.IndexAny":             {Guard: GuardIndexAny},
	"strings.IndexByte":            {Guard: GuardIndexAny},
	"strings.IndexRune":            {Guard: GuardIndexAny},
	"strings.Index":                {Guard: GuardIndexSubstring},
	"strings.ContainsAny":          {Guard: GuardContainsAny},
	"strings.ContainsRune":         {Guard: GuardContainsAny},
	"strings.Contains":             {Guard: GuardContainsSubstring},
	"strings.ContainsFunc":         {Guard: GuardContainsFunc},
	"strings.IndexFunc":            {Guard: GuardIndexFunc},
	"slices.Contains":              {Guard: GuardMember},
	"slices.Index":                 {Guard: GuardMemberIndex},
	"regexp.MatchString":           {Guard: GuardMatch},
	"regexp.Match":                 {Guard: GuardMatch},
	"(*regexp.Regexp).MatchString": {Guard: GuardMatchCompiled},
	"(*regexp.Regexp).Match":       {Guard: GuardMatchCompiled},
	"regexp.MustCompile":           {Role: CompilesRegexp},
	"regexp.Compile":               {Role: CompilesRegexp},
	"regexp.MustCompilePOSIX":      {Role: CompilesPOSIX},
	"regexp.CompilePOSIX":          {Role: CompilesPOSIX},

	// What a strings.Map mapping function may call and still be run.
	"unicode.IsSpace":   {RuneFunc: true},
	"unicode.IsControl": {RuneFunc: true},
	"unicode.IsPrint":   {RuneFunc: true},
	"unicode.IsGraphic": {RuneFunc: true},
	"unicode.IsLetter":  {RuneFunc: true},
	"unicode.IsDigit":   {RuneFunc: true},
	"unicode.IsNumber":  {RuneFunc: true},
	"unicode.IsPunct":   {RuneFunc: true},
	"unicode.IsUpper":   {RuneFunc: true},
	"unicode.IsLower":   {RuneFunc: true},
	"unicode.IsSymbol":  {RuneFunc: true},
	"unicode.IsMark":    {RuneFunc: true},
	"unicode.ToLower":   {RuneFunc: true},
	"unicode.ToUpper":   {RuneFunc: true},

	// Errors that are never nil: errors.New returns an &errorString,
	// fmt.Errorf a wrapError, a wrapErrors or errors.New's result.
	"errors.New": {NeverNil: true},
	"fmt.Errorf": {NeverNil: true},

	// Functions that never return.
	"os.Exit":          noReturn,
	"runtime.Goexit":   noReturn,
	"log.Fatal":        noReturn,
	"log.Fatalf":       noReturn,
	"log.Fatalln":      noReturn,
	"log.Panic":        noReturn,
	"log.Panicf":       noReturn,
	"log.Panicln":      noReturn,
	logger + "Fatal":   noReturn,
	logger + "Fatalf":  noReturn,
	logger + "Fatalln": noReturn,
	logger + "Panic":   noReturn,
	logger + "Panicf":  noReturn,
	logger + "Panicln": noReturn,

	// Serializers whose output reaches a cached value, and what seals it.
	"encoding/json.Marshal":                      {Encoder: &jsonEncoder},
	"encoding/json.MarshalIndent":                {Encoder: &jsonEncoder},
	"(*encoding/json.Encoder).Encode":            {Encoder: &jsonEncoder},
	"encoding/xml.Marshal":                       {Encoder: &xmlEncoder},
	"encoding/xml.MarshalIndent":                 {Encoder: &xmlEncoder},
	"(*encoding/xml.Encoder).Encode":             {Encoder: &xmlEncoder},
	"(*encoding/gob.Encoder).Encode":             {Encoder: &gobEncoder},
	"github.com/vmihailenco/msgpack/v5.Marshal":  {Encoder: &msgpackEncoder},
	"gopkg.in/yaml.v3.Marshal":                   {Encoder: &yamlEncoder},
	"google.golang.org/protobuf/proto.Marshal":   {Encoder: &protobufEncoder},
	"github.com/golang/protobuf/proto.Marshal":   {Encoder: &protobufEncoder},
	"encoding/json.NewEncoder":                   {WrapsWriter: true},
	"encoding/xml.NewEncoder":                    {WrapsWriter: true},
	"encoding/gob.NewEncoder":                    {WrapsWriter: true},
	"(crypto/cipher.AEAD).Seal":                  {Encrypts: true},
	"golang.org/x/crypto/nacl/secretbox.Seal":    {Encrypts: true},
	"golang.org/x/crypto/nacl/box.Seal":          {Encrypts: true},
	"golang.org/x/crypto/nacl/box.SealAnonymous": {Encrypts: true},

	// Writes that may send a hand-written memcached command.
	// Whatever the writer, what they write is in its contents.
	"fmt.Fprintf":    {Write: WriteFprintf, Transform: Special, IntoWriter: true},
	"fmt.Fprint":     {Write: WriteFprint, Transform: Special, IntoWriter: true},
	"fmt.Fprintln":   {Write: WriteFprintln, Transform: Special, IntoWriter: true},
	"io.WriteString": {Write: WriteData, Transform: Propagate, From: []int{1}, IntoWriter: true, CopiesConstants: true},
}
