package warden // want package:"registers=true"

// warden is the fork's warden: NewClient registers the discovery resolver.

import (
	"context"

	"example.com/fork/fork/pkg/naming/discovery"
	"example.com/fork/fork/pkg/net/rpc/warden/resolver"
	"google.golang.org/grpc"
)

type ClientConfig struct{}

type Client struct{}

func NewClient(conf *ClientConfig) *Client {
	resolver.Register(discovery.New())
	return &Client{}
}

func (c *Client) Dial(ctx context.Context, target string, opts ...grpc.DialOption) (*grpc.ClientConn, error) {
	return grpc.DialContext(ctx, target, opts...)
}
