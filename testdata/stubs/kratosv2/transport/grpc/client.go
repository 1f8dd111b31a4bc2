// Package grpc is a stub of kratos v2 transport/grpc: a different
// framework from kratos v0.x, whose APIs no rule may match.
package grpc

import (
	"context"

	"google.golang.org/grpc"
)

type clientOptions struct{ endpoint string }

type ClientOption func(o *clientOptions)

func WithEndpoint(endpoint string) ClientOption {
	return func(o *clientOptions) { o.endpoint = endpoint }
}

func Dial(ctx context.Context, opts ...ClientOption) (*grpc.ClientConn, error) {
	return DialInsecure(ctx, opts...)
}

func DialInsecure(ctx context.Context, opts ...ClientOption) (*grpc.ClientConn, error) {
	o := &clientOptions{}
	for _, opt := range opts {
		opt(o)
	}
	return grpc.DialContext(ctx, o.endpoint)
}
