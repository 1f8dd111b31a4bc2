package grpc

import (
	"context"
	"time"

	"github.com/go-kratos/kratos/v2/middleware"
	"google.golang.org/grpc"
)

// ServerOption is gRPC server option.
type ServerOption func(o *Server)

// Network with server network.
func Network(network string) ServerOption { return func(s *Server) { s.network = network } }

// Address with server address.
func Address(addr string) ServerOption { return func(s *Server) { s.address = addr } }

// Timeout with server timeout.
func Timeout(timeout time.Duration) ServerOption { return func(s *Server) { s.timeout = timeout } }

// Middleware with server middleware.
func Middleware(m ...middleware.Middleware) ServerOption {
	return func(s *Server) { s.middleware = append(s.middleware, m...) }
}

// UnaryInterceptor returns a ServerOption that sets the UnaryServerInterceptor for the server.
func UnaryInterceptor(in ...grpc.UnaryServerInterceptor) ServerOption {
	return func(s *Server) { s.unaryInts = in }
}

// Options with grpc options.
func Options(opts ...grpc.ServerOption) ServerOption {
	return func(s *Server) { s.grpcOpts = opts }
}

// Server is a gRPC server wrapper. It recovers no panic: a handler that
// panics without the recovery middleware exits the process.
type Server struct {
	*grpc.Server
	network    string
	address    string
	timeout    time.Duration
	middleware []middleware.Middleware
	unaryInts  []grpc.UnaryServerInterceptor
	grpcOpts   []grpc.ServerOption
}

// NewServer creates a gRPC server by options.
func NewServer(opts ...ServerOption) *Server {
	srv := &Server{network: "tcp", address: ":0", timeout: time.Second}
	for _, o := range opts {
		o(srv)
	}
	srv.Server = grpc.NewServer(srv.grpcOpts...)
	return srv
}

// Use uses a service middleware with selector.
func (s *Server) Use(selector string, m ...middleware.Middleware) {
	s.middleware = append(s.middleware, m...)
}

// Start start the gRPC server.
func (s *Server) Start(ctx context.Context) error { return nil }

// Stop stop the gRPC server.
func (s *Server) Stop(ctx context.Context) error { return nil }
