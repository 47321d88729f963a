// Command frameworks serves the same data through gRPC, Connect,
// httprouter and macaron, built against the real modules, for
// cmd/cachevet's TestFrameworkSourcesEndToEnd: every line marked "want"
// is reported by the analyzers it names, and no other line is.
package main

import (
	"context"
	"net/http"
	"strconv"

	"connectrpc.com/connect"
	"github.com/bradfitz/gomemcache/memcache"
	"github.com/julienschmidt/httprouter"
	"google.golang.org/grpc"
	"google.golang.org/grpc/health/grpc_health_v1"
	"google.golang.org/grpc/metadata"
	"gopkg.in/macaron.v1"
)

var mc = memcache.New("127.0.0.1:11211")

type health struct {
	grpc_health_v1.UnimplementedHealthServer
	prefix string
}

func (h *health) Check(ctx context.Context, req *grpc_health_v1.HealthCheckRequest) (*grpc_health_v1.HealthCheckResponse, error) {
	mc.Get("svc:" + req.GetService())                                    // want keyinjection keylength
	mc.Get("t:" + metadata.ValueFromIncomingContext(ctx, "x-tenant")[0]) // want keyinjection keylength
	mc.Get(h.prefix + "checks")
	return &grpc_health_v1.HealthCheckResponse{}, nil
}

// notHealth has a Check method but implements no service.
type notHealth struct{}

func (notHealth) Check(ctx context.Context, req *grpc_health_v1.HealthCheckRequest) error {
	mc.Get("svc:" + req.GetService())
	return nil
}

func route(w http.ResponseWriter, r *http.Request, ps httprouter.Params) {
	mc.Get("u:" + ps.ByName("id")) // want keyinjection keylength
	mc.Get("h:" + r.Host)          // want keyinjection keylength
	n, _ := strconv.Atoi(ps.ByName("n"))
	mc.Get("n:" + strconv.Itoa(n))
}

func mac(ctx *macaron.Context) {
	mc.Get("p:" + ctx.Params(":id"))     // want keyinjection keylength
	mc.Get("c:" + ctx.GetCookie("lang")) // want keyinjection keylength
	mc.Get("i:" + strconv.Itoa(ctx.ParamsInt(":id")))
}

type Ping struct{ Text string }

func ping(ctx context.Context, req *connect.Request[Ping]) (*connect.Response[Ping], error) {
	mc.Get("ping:" + req.Msg.Text) // want keyinjection keylength
	mc.Get("proc:" + req.Spec().Procedure)
	return connect.NewResponse(&Ping{}), nil
}

func main() {
	s := grpc.NewServer()
	grpc_health_v1.RegisterHealthServer(s, &health{prefix: "h:"})
	r := httprouter.New()
	r.GET("/u/:id", route)
	m := macaron.New()
	m.Get("/:id", mac)
	_ = connect.NewUnaryHandler("/ping.v1.PingService/Ping", ping)
	_ = notHealth{}
}
