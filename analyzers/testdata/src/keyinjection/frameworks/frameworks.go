// Package frameworks checks the sources of routers and RPC frameworks
// beyond net/http, each with the bytes it can carry, and their look-alikes.
package frameworks

import (
	"context"
	"net/http"
	"strconv"

	"connectrpc.com/connect"
	"github.com/99designs/gqlgen/graphql"
	"github.com/bradfitz/gomemcache/memcache"
	"github.com/gofiber/fiber/v3"
	"github.com/julienschmidt/httprouter"
	"google.golang.org/grpc/metadata"
	"gopkg.in/macaron.v1"
)

var mc = memcache.New("127.0.0.1:11211")

func httprouterHandler(w http.ResponseWriter, r *http.Request, ps httprouter.Params) {
	mc.Get("user:" + ps.ByName("id")) // want `a route parameter \(ps\.ByName\) reaches the memcache key of \(\*memcache\.Client\)\.Get unescaped: a space, CR/LF or other control byte`
	for _, p := range ps {
		mc.Get(p.Value) // want `a route parameter \(httprouter\.Param\.Value\)`
		mc.Get(p.Key)   // the route's own parameter name
	}
	mc.Get(ps[0].Value)                                            // want `a route parameter \(httprouter\.Param\.Value\)`
	mc.Get(httprouter.ParamsFromContext(r.Context()).ByName("id")) // want `a route parameter \(ps\.ByName\)`
	mc.Get(httprouter.ParamsFromContext(r.Context())[0].Value)     // want `route parameters \(httprouter\.ParamsFromContext\)`
}

func macaronHandler(ctx *macaron.Context) {
	mc.Get(ctx.Params(":id"))            // want `a route parameter \(ctx\.Params\)`
	mc.Get(ctx.AllParams()[":id"])       // want `route parameters \(ctx\.AllParams\)`
	mc.Get(ctx.Query("q"))               // want `request data \(ctx\.Query\)`
	mc.Get(ctx.QueryTrim("q"))           // want `request data \(ctx\.QueryTrim\)`
	mc.Get(ctx.QueryStrings("q")[0])     // want `request data \(ctx\.QueryStrings\)`
	mc.Get(ctx.GetCookie("lang"))        // want `a request cookie, URL-unescaped \(ctx\.GetCookie\) reaches the memcache key of \(\*memcache\.Client\)\.Get unescaped: a space, CR/LF or other control byte in it`
	mc.Get(ctx.Req.Header.Get("X-User")) // want `a request header \(r\.Header\) reaches the memcache key of \(\*memcache\.Client\)\.Get unescaped: a space or a tab in it`
	mc.Get(ctx.Req.FormValue("q"))       // want `request data \(r\.FormValue\)`
	mc.Get("ip:" + ctx.RemoteAddr())     // want `the X-Real-IP or X-Forwarded-For header \(ctx\.RemoteAddr\)`
	body, _ := ctx.Req.Body().String()
	mc.Get(body) // want `the request body \(ctx\.Req\.Body\(\)\.String\)`

	// HTML escaping leaves the space and CR/LF alone.
	mc.Get(ctx.ParamsEscape(":id")) // want `a route parameter, HTML-escaped \(ctx\.ParamsEscape\) reaches the memcache key of \(\*memcache\.Client\)\.Get unescaped: whitespace or other control bytes in it`
	mc.Get(ctx.QueryEscape("q"))    // want `request data, HTML-escaped \(ctx\.QueryEscape\)`

	// Numbers carry no byte.
	mc.Get("user:" + strconv.Itoa(ctx.ParamsInt(":id")))
	mc.Get("user:" + strconv.FormatInt(ctx.QueryInt64("id"), 10))
	// What the application's own middleware stored.
	if u, ok := ctx.Data["user"].(string); ok {
		mc.Get("user:" + u)
	}
}

func fiberV3Handler(c fiber.Ctx) error {
	mc.Get("user:" + c.Params("id"))           // want `a route parameter \(c\.Params\)`
	mc.Get(c.Query("q"))                       // want `request data \(c\.Query\)`
	mc.Get(c.Queries()["q"])                   // want `request data \(c\.Queries\)`
	mc.Get(c.FormValue("q"))                   // want `request data \(c\.FormValue\)`
	mc.Get(c.Get("X-Tenant"))                  // want `a request header \(c\.Get\)`
	mc.Get(c.GetReqHeaders()["X-Tenant"][0])   // want `the request headers \(c\.GetReqHeaders\)`
	mc.Get(c.Cookies("session"))               // want `a request cookie \(c\.Cookies\)`
	mc.Get(string(c.Body()))                   // want `the request body \(c\.Body\)`
	mc.Get("page:" + c.OriginalURL())          // want `the request URL \(c\.OriginalURL\)`
	mc.Get("host:" + c.Hostname())             // want `the Host header \(c\.Hostname\)`
	mc.Get(fiber.Params[string](c, "id"))      // want `a route parameter \(fiber\.Params\)`
	mc.Get(fiber.Query[string](c, "q"))        // want `request data \(fiber\.Query\)`
	mc.Get(fiber.GetReqHeader[string](c, "X")) // want `a request header \(fiber\.GetReqHeader\)`
	var in struct{ ID string }
	if c.Bind().Query(&in) == nil {
		mc.Get(in.ID) // want `request data \(c\.Bind\(\)\.Query\)`
	}
	var body struct{ Name string }
	if c.Bind().JSON(&body) == nil {
		mc.Get(body.Name) // want `the request body \(c\.Bind\(\)\.JSON\)`
	}

	// A number converted by the generic accessor carries nothing; the
	// method and what middleware stored are not the client's bytes.
	mc.Get("user:" + strconv.Itoa(fiber.Params[int](c, "id")))
	mc.Get("m:" + c.Method())
	if id, ok := c.Locals("userID").(string); ok {
		mc.Get("user:" + id)
	}
	return nil
}

// hosts: an HTTP/2 :authority may hold a space or a tab, an HTTP/1 Host
// header nothing unsafe; either way r.Host is reported with those bytes.
func hosts(r *http.Request) {
	mc.Get("site:" + r.Host) // want `the Host header \(r\.Host: HTTP/2's :authority is not checked like an HTTP/1 Host header\) reaches the memcache key of \(\*memcache\.Client\)\.Get unescaped: a space or a tab in it`
	// A parsed URL's host holds no space or control byte.
	mc.Get("site:" + r.URL.Host)
	mc.Get(r.Header.Get("X-Id")) // want `a request header \(r\.Header\) reaches the memcache key of \(\*memcache\.Client\)\.Get unescaped: a space or a tab in it`
}

type GetUserRequest struct {
	Id   string
	Page int32
}

func (x *GetUserRequest) GetId() string {
	if x != nil {
		return x.Id
	}
	return ""
}

type GetUserResponse struct{ Name string }

type userService struct{}

func (userService) GetUser(ctx context.Context, req *connect.Request[GetUserRequest]) (*connect.Response[GetUserResponse], error) {
	mc.Get("user:" + req.Msg.Id)                // want `a Connect request message \(req\.Msg\) reaches the memcache key of \(\*memcache\.Client\)\.Get unescaped: a space, CR/LF or other control byte`
	mc.Get("user:" + req.Msg.GetId())           // want `a Connect request message \(req\.Msg\)`
	mc.Get("t:" + req.Header().Get("X-Tenant")) // want `a Connect request header \(req\.Header\) reaches the memcache key of \(\*memcache\.Client\)\.Get unescaped: a space or a tab in it`
	mc.Get("q:" + req.Peer().Query.Get("q"))    // want `the query of a Connect request \(req\.Peer\(\)\.Query\)`
	mc.Get("page:" + strconv.Itoa(int(req.Msg.Page)))
	// The peer's address and the procedure are not the client's text.
	mc.Get("peer:" + req.Peer().Addr)
	mc.Get("proc:" + req.Spec().Procedure)
	return connect.NewResponse(&GetUserResponse{}), nil
}

func (userService) Upload(ctx context.Context, stream *connect.ClientStream[GetUserRequest]) (*connect.Response[GetUserResponse], error) {
	for stream.Receive() {
		mc.Get("user:" + stream.Msg().Id) // want `a Connect stream message \(stream\.Msg\)`
	}
	mc.Get(stream.RequestHeader().Get("X-Tenant")) // want `a Connect request header \(stream\.RequestHeader\) reaches the memcache key of \(\*memcache\.Client\)\.Get unescaped: a space or a tab in it`
	return nil, nil
}

func (userService) Chat(ctx context.Context, stream *connect.BidiStream[GetUserRequest, GetUserResponse]) error {
	m, err := stream.Receive()
	if err != nil {
		return err
	}
	mc.Get("user:" + m.Id) // want `a Connect stream message \(stream\.Receive\)`
	return stream.Send(&GetUserResponse{Name: "x"})
}

func grpcMetadata(ctx context.Context) {
	mc.Get(metadata.ValueFromIncomingContext(ctx, "x-user")[0])     // want `gRPC request metadata \(metadata\.ValueFromIncomingContext\) reaches the memcache key of \(\*memcache\.Client\)\.Get unescaped: a space or a tab in it`
	mc.Get(metadata.ValueFromIncomingContext(ctx, "x-user-bin")[0]) // want `gRPC request metadata \(metadata\.ValueFromIncomingContext\) reaches the memcache key of \(\*memcache\.Client\)\.Get unescaped: a space, CR/LF or other control byte`
	md, _ := metadata.FromIncomingContext(ctx)
	mc.Get(md.Get("x-tenant")[0])  // want `gRPC request metadata \(metadata\.FromIncomingContext\) reaches the memcache key of \(\*memcache\.Client\)\.Get unescaped: a space or a tab in it`
	mc.Get(md.Get("trace-bin")[0]) // want `unescaped: a space, CR/LF or other control byte`
	mc.Get(md["x-tenant"][0])      // want `gRPC request metadata \(metadata\.FromIncomingContext\)`
	// What the service sends is its own.
	out, _ := metadata.FromOutgoingContext(ctx)
	mc.Get(out.Get("x-tenant")[0])
}

func resolverArgs(ctx context.Context) {
	fc := graphql.GetFieldContext(ctx)
	if id, ok := fc.Args["id"].(string); ok {
		mc.Get("user:" + id) // want `GraphQL field arguments \(graphql\.FieldContext\.Args\)`
	}
	mc.Get("obj:" + fc.Object)
}
