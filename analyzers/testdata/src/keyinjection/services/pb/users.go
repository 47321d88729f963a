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
	Chat(Users_ChatServer) error
	Import(Users_ImportServer) error
	mustEmbedUnimplementedUsersServer()
}

type Users_ChatServer = grpc.BidiStreamingServer[GetUserRequest, GetUserReply]

// Users_ImportServer is what protoc-gen-go-grpc generated before its
// generic streams: Recv wraps RecvMsg.
type Users_ImportServer interface {
	Recv() (*GetUserRequest, error)
	grpc.ServerStream
}

type usersImportServer struct {
	grpc.ServerStream
}

func (x *usersImportServer) Recv() (*GetUserRequest, error) {
	m := new(GetUserRequest)
	if err := x.ServerStream.RecvMsg(m); err != nil {
		return nil, err
	}
	return m, nil
}

type Users_ChatClient = grpc.BidiStreamingClient[GetUserRequest, GetUserReply]

type UnimplementedUsersServer struct{}

func (UnimplementedUsersServer) GetUser(context.Context, *GetUserRequest) (*GetUserReply, error) {
	return nil, nil
}
func (UnimplementedUsersServer) Lookup(context.Context, *GetUserRequest, string) (*GetUserReply, error) {
	return nil, nil
}
func (UnimplementedUsersServer) Chat(Users_ChatServer) error        { return nil }
func (UnimplementedUsersServer) Import(Users_ImportServer) error    { return nil }
func (UnimplementedUsersServer) mustEmbedUnimplementedUsersServer() {}

// NewImportServer stands for the generated handler that wraps the
// transport's stream.
func NewImportServer(s grpc.ServerStream) Users_ImportServer { return &usersImportServer{s} }

var Users_ServiceDesc = grpc.ServiceDesc{ServiceName: "Users", HandlerType: (*UsersServer)(nil)}

func RegisterUsersServer(s grpc.ServiceRegistrar, srv UsersServer) {
	s.RegisterService(&Users_ServiceDesc, srv)
}

// UsersClient is the client side: its requests are the caller's own.
type UsersClient interface {
	GetUser(ctx context.Context, in *GetUserRequest) (*GetUserReply, error)
}

func NewUsersClient(cc any) UsersClient { return nil }
