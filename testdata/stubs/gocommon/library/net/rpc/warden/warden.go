// Package warden is a stub of go-common library/net/rpc/warden.
package warden

import (
	"context"
	"time"

	"google.golang.org/grpc"
)

type ClientConfig struct {
	Dial     time.Duration
	Timeout  time.Duration
	Clusters []string
	Zone     string
	NonBlock bool
}

type Client struct{ conf *ClientConfig }

func NewClient(conf *ClientConfig, opt ...grpc.DialOption) *Client { return &Client{conf: conf} }

func DefaultClient() *Client { return &Client{} }

func NewConn(target string, opt ...grpc.DialOption) (*grpc.ClientConn, error) {
	return grpc.Dial(target, opt...)
}

func (c *Client) Dial(ctx context.Context, target string, opts ...grpc.DialOption) (*grpc.ClientConn, error) {
	return grpc.DialContext(ctx, target, opts...)
}

func (c *Client) DialTLS(ctx context.Context, target string, file string, name string, opts ...grpc.DialOption) (*grpc.ClientConn, error) {
	return grpc.DialContext(ctx, target, opts...)
}

func (c *Client) SetConfig(conf *ClientConfig) error { c.conf = conf; return nil }

type ServerConfig struct {
	Network string
	Addr    string
	Timeout time.Duration
}

type Server struct{ server *grpc.Server }

func NewServer(conf *ServerConfig, opt ...grpc.ServerOption) *Server {
	return &Server{server: grpc.NewServer(opt...)}
}

func (s *Server) Server() *grpc.Server               { return s.server }
func (s *Server) Start() (*Server, error)            { return s, nil }
func (s *Server) Shutdown(ctx context.Context) error { return nil }
