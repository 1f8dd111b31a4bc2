// Package grpc is a stub of kratos v2 transport/grpc, with the real API
// shape. Dial and DialInsecure register the discovery resolver only when
// WithDiscovery is given: without it a "discovery:///name" endpoint dials
// nil-error and every call fails with code = Unavailable.
package grpc

import (
	"context"
	"time"

	"github.com/go-kratos/kratos/v2/middleware"
	"github.com/go-kratos/kratos/v2/registry"
	"google.golang.org/grpc"
)

type clientOptions struct {
	endpoint   string
	timeout    time.Duration
	discovery  registry.Discovery
	middleware []middleware.Middleware
	grpcOpts   []grpc.DialOption
}

// ClientOption is gRPC client option.
type ClientOption func(o *clientOptions)

// WithEndpoint with client endpoint.
func WithEndpoint(endpoint string) ClientOption {
	return func(o *clientOptions) { o.endpoint = endpoint }
}

// WithTimeout with client timeout.
func WithTimeout(timeout time.Duration) ClientOption {
	return func(o *clientOptions) { o.timeout = timeout }
}

// WithMiddleware with client middleware.
func WithMiddleware(m ...middleware.Middleware) ClientOption {
	return func(o *clientOptions) { o.middleware = m }
}

// WithDiscovery with client discovery.
func WithDiscovery(d registry.Discovery) ClientOption {
	return func(o *clientOptions) { o.discovery = d }
}

// WithOptions with gRPC options.
func WithOptions(opts ...grpc.DialOption) ClientOption {
	return func(o *clientOptions) { o.grpcOpts = opts }
}

// Dial returns a GRPC connection.
func Dial(ctx context.Context, opts ...ClientOption) (*grpc.ClientConn, error) {
	return dial(ctx, false, opts...)
}

// DialInsecure returns an insecure GRPC connection.
func DialInsecure(ctx context.Context, opts ...ClientOption) (*grpc.ClientConn, error) {
	return dial(ctx, true, opts...)
}

func dial(ctx context.Context, insecure bool, opts ...ClientOption) (*grpc.ClientConn, error) {
	o := &clientOptions{timeout: 2000 * time.Millisecond}
	for _, opt := range opts {
		opt(o)
	}
	return grpc.DialContext(ctx, o.endpoint, o.grpcOpts...)
}
