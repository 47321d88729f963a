// Package grpc is a stub of google.golang.org/grpc v1.85.0.
package grpc

type ServiceDesc struct {
	ServiceName string
	HandlerType any
}

type ServiceRegistrar interface {
	RegisterService(desc *ServiceDesc, impl any)
}

type Server struct{}

func NewServer() *Server { return &Server{} }

func (s *Server) RegisterService(desc *ServiceDesc, impl any) {}

type ServerStream interface {
	RecvMsg(m any) error
	SendMsg(m any) error
}
