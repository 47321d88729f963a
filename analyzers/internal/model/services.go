package model

// A Service is a framework's kind of request handler: an interface that
// generated code declares and the framework calls, by generated dispatch
// or reflection, with what the client sent. No call edge leads from the
// request to an implementation's parameters, so a row says how generated
// code names the interface and which parameters are the client's: the
// flow engine makes those parameters of every method implementing one
// sources, as it makes r.FormValue's result one.
type Service struct {
	// Desc names the framework's parameters in a diagnostic: "a gRPC
	// request message".
	Desc string
	// Bytes are the unsafe bytes the parameters may carry.
	Bytes ByteSet

	// Registrar, if set, recognizes a generated registration function:
	// one with a parameter of this type and another of a named
	// interface, the service (RegisterXxxServer(s grpc.ServiceRegistrar,
	// srv XxxServer)).
	Registrar string
	// Message, if set, is a method the type of a client's parameter must
	// have: generated protobuf messages have ProtoMessage (protoc-gen-go
	// and gogo alike), where a stream or an option does not.
	Message string

	// Schema, if set, recognizes a generated schema constructor: a
	// function returning this type whose parameter is a struct with the
	// field Root, an interface whose methods return the service
	// interfaces (gqlgen's NewExecutableSchema(Config{Resolvers: r})).
	Schema, Root string
	// Operations are the methods of Root whose interfaces resolve the
	// fields of an operation type: all their parameters after the
	// context are the client's. The other interfaces resolve the fields
	// of an object, which they take, as the server resolved it, before
	// the field's arguments.
	Operations []string
}

// Services are the handler interfaces of the RPC and GraphQL frameworks
// the model knows.
//
// gRPC (google.golang.org/grpc v1.85.0): protoc-gen-go-grpc generates
// RegisterXxxServer(s grpc.ServiceRegistrar, srv XxxServer), and a unary
// method's request is a message the transport unmarshalled from the
// client's bytes: proto3 string fields hold any valid UTF-8, control
// bytes included, and bytes fields any byte.
//
// gqlgen (github.com/99designs/gqlgen v0.17.98): api!.gotpl generates
// NewExecutableSchema(cfg Config) graphql.ExecutableSchema, Config being
// graphql.Config[ResolverRoot, ...] whose Resolvers field is the root;
// ShortResolverSignature gives root objects' resolvers (ctx, args...) and
// the others (ctx, obj, args...). GraphQL strings may hold any character
// through escapes ("\n", "\u0000").
var Services = []Service{
	{
		Desc:      "a gRPC request message",
		Bytes:     AnyUnsafe,
		Registrar: "google.golang.org/grpc.ServiceRegistrar",
		Message:   "ProtoMessage",
	},
	{
		Desc:       "a GraphQL resolver argument",
		Bytes:      AnyUnsafe,
		Schema:     "github.com/99designs/gqlgen/graphql.ExecutableSchema",
		Root:       "Resolvers",
		Operations: []string{"Query", "Mutation", "Subscription"},
	},
}

// RPCPackages are the packages of the RPC and GraphQL frameworks (gRPC,
// Connect, gqlgen) whose API the rows of Funcs, FieldSources and Services
// name. Unlike a web framework, such a package is imported by most of a
// program's dependencies for other reasons than serving requests: cloud
// SDKs, tracing exporters and service discovery dial over gRPC, and
// generated code of every protobuf API imports it. Their request data
// reaches a key through the user's own service implementations and
// interceptors, which cachevet always analyzes (see flow.Relevance).
var RPCPackages = []string{
	"google.golang.org/grpc",
	"google.golang.org/grpc/metadata",
	"connectrpc.com/connect",
	"github.com/99designs/gqlgen/graphql",
}
