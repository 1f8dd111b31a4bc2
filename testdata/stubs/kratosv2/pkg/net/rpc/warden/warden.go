// Package warden is a LOOK-ALIKE, not a kratos v2 package: kratos v0.x's
// warden API placed under the v2 module path, so that fixtures can prove
// that rules match framework APIs by import path and never match
// github.com/go-kratos/kratos/v2/... (see ../../../../README.md).
package warden

import (
	"context"

	"google.golang.org/grpc"
)

type ClientConfig struct{}

type Client struct{}

func NewClient(conf *ClientConfig, opt ...grpc.DialOption) *Client { return &Client{} }

func NewConn(target string, opt ...grpc.DialOption) (*grpc.ClientConn, error) {
	return grpc.Dial(target, opt...)
}

func (c *Client) Dial(ctx context.Context, target string, opts ...grpc.DialOption) (*grpc.ClientConn, error) {
	return grpc.DialContext(ctx, target, opts...)
}
