// Package services checks that the parameters of handlers a framework
// calls with the client's data are sources: methods implementing a gRPC
// service registered by generated code, and gqlgen resolvers.
package services

import (
	"context"
	"strconv"

	"github.com/bradfitz/gomemcache/memcache"
	"keyinjection/services/graph"
	"keyinjection/services/pb"
)

var mc = memcache.New("127.0.0.1:11211")

type usersServer struct {
	pb.UnimplementedUsersServer
	prefix string
}

func (s *usersServer) GetUser(ctx context.Context, req *pb.GetUserRequest) (*pb.GetUserReply, error) {
	mc.Get("user:" + req.Id)      // want `a gRPC request message \(parameter req of GetUser\) reaches the memcache key of \(\*memcache\.Client\)\.Get unescaped: a space, CR/LF or other control byte`
	mc.Get("user:" + req.GetId()) // want `a gRPC request message \(parameter req of GetUser\)`
	mc.Get(s.key(req.Tenant))     // want `a gRPC request message \(parameter req of GetUser\)`
	// Numbers and the server's own configuration are not the client's.
	mc.Get("page:" + strconv.Itoa(int(req.Page)))
	mc.Get(s.prefix + "count")
	return &pb.GetUserReply{}, nil
}

// A value receiver: the server is registered by pointer.
type reportsServer struct {
	pb.UnimplementedUsersServer
}

func (reportsServer) GetUser(ctx context.Context, req *pb.GetUserRequest) (*pb.GetUserReply, error) {
	mc.Get("report:" + req.Id) // want `a gRPC request message \(parameter req of GetUser\)`
	return nil, nil
}

func (*reportsServer) Lookup(ctx context.Context, req *pb.GetUserRequest, region string) (*pb.GetUserReply, error) {
	return nil, nil
}

// Lookup's string parameter is no message: generated gRPC handlers take
// none, and a hand-written one is the server's to document.
func (s *usersServer) Lookup(ctx context.Context, req *pb.GetUserRequest, region string) (*pb.GetUserReply, error) {
	mc.Get("region:" + region)
	return nil, nil
}

func (s *usersServer) key(part string) string { return s.prefix + part }

func (s *usersServer) Chat(stream pb.Users_ChatServer) error {
	for {
		m, err := stream.Recv()
		if err != nil {
			return err
		}
		mc.Get("user:" + m.Id) // want `a gRPC stream message \(stream\.Recv\)`
	}
}

func (s *usersServer) Import(stream pb.Users_ImportServer) error {
	m, err := stream.Recv()
	if err != nil {
		return err
	}
	mc.Get("user:" + m.Id) // want `a gRPC stream message \(stream\.RecvMsg\)`
	return nil
}

// A client stream's messages are the server's replies.
func chatClient(stream pb.Users_ChatClient) {
	reply, _ := stream.Recv()
	mc.Get("name:" + reply.Name)
}

// A method of the same name on a type that implements no service.
type notAServer struct{}

func (notAServer) GetUser(ctx context.Context, req *pb.GetUserRequest) (*pb.GetUserReply, error) {
	mc.Get("user:" + req.Id)
	return nil, nil
}

// The client side: the request is the caller's own.
func callUsers(ctx context.Context, c pb.UsersClient) {
	reply, _ := c.GetUser(ctx, &pb.GetUserRequest{Id: "42"})
	mc.Get("name:" + reply.Name)
}

type Resolver struct{}

func (r *Resolver) Query() graph.QueryResolver       { return &queryResolver{r} }
func (r *Resolver) Mutation() graph.MutationResolver { return &mutationResolver{r} }
func (r *Resolver) User() graph.UserResolver         { return &userResolver{r} }

type queryResolver struct{ *Resolver }

func (r *queryResolver) User(ctx context.Context, id string) (*graph.User, error) {
	mc.Get("user:" + id) // want `a GraphQL resolver argument \(parameter id of User\) reaches the memcache key of \(\*memcache\.Client\)\.Get unescaped: a space, CR/LF or other control byte`
	return nil, nil
}

type mutationResolver struct{ *Resolver }

func (r *mutationResolver) CreateUser(ctx context.Context, input graph.NewUser) (*graph.User, error) {
	mc.Delete("user:" + input.Name) // want `a GraphQL resolver argument \(parameter input of CreateUser\)`
	return nil, nil
}

type userResolver struct{ *Resolver }

func (r *userResolver) Friends(ctx context.Context, obj *graph.User, first *int, after *string) ([]*graph.User, error) {
	// obj is the user the server resolved; after is the client's cursor.
	mc.Get("friends:" + obj.ID)
	if after != nil {
		mc.Get("friends:" + obj.ID + ":" + *after) // want `a GraphQL resolver argument \(parameter after of Friends\)`
	}
	return nil, nil
}

func schema() {
	_ = graph.NewExecutableSchema(graph.Config{Resolvers: &Resolver{}})
}
