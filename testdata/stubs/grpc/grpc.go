// Package grpc is a stub of google.golang.org/grpc for fixtures.
package grpc

import "context"

type DialOption interface{ apply() }

type ServerOption interface{ apply() }

type ClientConn struct{ target string }

func (cc *ClientConn) Close() error { return nil }

func (cc *ClientConn) Invoke(ctx context.Context, method string, args, reply interface{}, opts ...CallOption) error {
	return nil
}

func Dial(target string, opts ...DialOption) (*ClientConn, error) {
	return &ClientConn{target: target}, nil
}

func DialContext(ctx context.Context, target string, opts ...DialOption) (*ClientConn, error) {
	return &ClientConn{target: target}, nil
}

type Server struct{}

func NewServer(opt ...ServerOption) *Server { return &Server{} }

// NewClient is grpc's non-blocking constructor (grpc 1.63+), which kratos
// v3 dials with.
func NewClient(target string, opts ...DialOption) (*ClientConn, error) {
	return &ClientConn{target: target}, nil
}

// Connect starts connecting.
func (cc *ClientConn) Connect() {}

// A CallOption configures a call: the variadic last parameter of every
// method of a generated gRPC client.
type CallOption interface{ before() }

// ClientConnInterface is what generated clients are built on.
type ClientConnInterface interface {
	Invoke(ctx context.Context, method string, args, reply any, opts ...CallOption) error
}

type UnaryServerInfo struct{ FullMethod string }

type UnaryHandler func(ctx context.Context, req any) (any, error)

type UnaryServerInterceptor func(ctx context.Context, req any, info *UnaryServerInfo, handler UnaryHandler) (any, error)

type UnaryClientInterceptor func(ctx context.Context, method string, req, reply any, cc *ClientConn, invoker UnaryInvoker, opts ...CallOption) error

type UnaryInvoker func(ctx context.Context, method string, req, reply any, cc *ClientConn, opts ...CallOption) error

type funcServerOption struct{}

func (funcServerOption) apply() {}

// UnaryInterceptor installs a server interceptor.
func UnaryInterceptor(i UnaryServerInterceptor) ServerOption { return funcServerOption{} }

// WithBlock makes Dial block until connected.
func WithBlock() DialOption { return funcDialOption{} }

type funcDialOption struct{}

func (funcDialOption) apply() {}
