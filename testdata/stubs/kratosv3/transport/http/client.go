// Package http is a stub of kratos v3 transport/http, with the real API
// shape.
package http

import (
	"context"
	"time"

	"github.com/go-kratos/kratos/v3/middleware"
	"github.com/go-kratos/kratos/v3/registry"
)

type clientOptions struct {
	endpoint   string
	timeout    time.Duration
	discovery  registry.Discovery
	middleware []middleware.Middleware
	block      bool
}

// ClientOption is HTTP client option.
type ClientOption func(*clientOptions)

// WithTimeout with client request timeout.
func WithTimeout(d time.Duration) ClientOption { return func(o *clientOptions) { o.timeout = d } }

// WithMiddleware with client middleware.
func WithMiddleware(m ...middleware.Middleware) ClientOption {
	return func(o *clientOptions) { o.middleware = m }
}

// WithEndpoint with client addr.
func WithEndpoint(endpoint string) ClientOption {
	return func(o *clientOptions) { o.endpoint = endpoint }
}

// WithDiscovery with client discovery.
func WithDiscovery(d registry.Discovery) ClientOption {
	return func(o *clientOptions) { o.discovery = d }
}

// WithBlock with client block.
func WithBlock() ClientOption { return func(o *clientOptions) { o.block = true } }

// CallOption configures a Call before it starts or extracts information from
// a Call after it completes.
type CallOption interface{ before() error }

// Client is an HTTP client.
type Client struct{ opts clientOptions }

// NewClient returns an HTTP client.
func NewClient(ctx context.Context, opts ...ClientOption) (*Client, error) {
	o := clientOptions{timeout: 2000 * time.Millisecond}
	for _, opt := range opts {
		opt(&o)
	}
	return &Client{opts: o}, nil
}

// Invoke makes a rpc call procedure for remote service.
func (client *Client) Invoke(ctx context.Context, method, path string, args any, reply any, opts ...CallOption) error {
	return nil
}

// Close tears down the Transport and all underlying connections.
func (client *Client) Close() error { return nil }
