// Package pb is what protoc-gen-go and protoc-gen-go-grpc generate for a
// Users service.
package pb

import (
	"context"

	"google.golang.org/grpc"
)

type GetUserRequest struct {
	Id     string
	Tenant string
	Page   int32
}

func (*GetUserRequest) ProtoMessage() {}

func (x *GetUserRequest) GetId() string {
	if x != nil {
		return x.Id
	}
	return ""
}

type GetUserReply struct {
	Name string
}

func (*GetUserReply) ProtoMessage() {}

type UsersServer interface {
	GetUser(context.Context, *GetUserRequest) (*GetUserReply, error)
	Lookup(context.Context, *GetUserRequest, string) (*GetUserReply, error)
	mustEmbedUnimplementedUsersServer()
}

type UnimplementedUsersServer struct{}

func (UnimplementedUsersServer) GetUser(context.Context, *GetUserRequest) (*GetUserReply, error) {
	return nil, nil
}
func (UnimplementedUsersServer) Lookup(context.Context, *GetUserRequest, string) (*GetUserReply, error) {
	return nil, nil
}
func (UnimplementedUsersServer) mustEmbedUnimplementedUsersServer() {}

var Users_ServiceDesc = grpc.ServiceDesc{ServiceName: "Users", HandlerType: (*UsersServer)(nil)}

func RegisterUsersServer(s grpc.ServiceRegistrar, srv UsersServer) {
	s.RegisterService(&Users_ServiceDesc, srv)
}

// UsersClient is the client side: its requests are the caller's own.
type UsersClient interface {
	GetUser(ctx context.Context, in *GetUserRequest) (*GetUserReply, error)
}

func NewUsersClient(cc any) UsersClient { return nil }
