// Package grpc is a stub of kratos v3 transport/grpc, with the real API
// shape. NewClient registers the discovery resolver only when
// WithDiscovery is given: without it a "discovery:///name" endpoint gives a
// connection whose every call fails with "produced zero addresses".
package grpc

import (
	"context"
	"time"

	"github.com/go-kratos/kratos/v3/middleware"
	"github.com/go-kratos/kratos/v3/registry"
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

// NewClient returns a gRPC client connection (v3 has no Dial).
func NewClient(ctx context.Context, opts ...ClientOption) (*grpc.ClientConn, error) {
	o := &clientOptions{timeout: 2000 * time.Millisecond}
	for _, opt := range opts {
		opt(o)
	}
	conn, err := grpc.NewClient(o.endpoint, o.grpcOpts...)
	if err != nil {
		return nil, err
	}
	conn.Connect()
	return conn, nil
}
