// Package grpc is a stub of google.golang.org/grpc for fixtures.
package grpc

import "context"

type DialOption interface{ apply() }

type ServerOption interface{ apply() }

type ClientConn struct{ target string }

func (cc *ClientConn) Close() error { return nil }

func (cc *ClientConn) Invoke(ctx context.Context, method string, args, reply interface{}) error {
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
