// Package recovery is a stub of kratos v3 middleware/recovery: the only
// thing that recovers a handler's panic in a kratos v3 server.
package recovery

import (
	"context"

	"github.com/go-kratos/kratos/v3/errors"
	"github.com/go-kratos/kratos/v3/middleware"
)

// ErrUnknownRequest is unknown request error.
var ErrUnknownRequest = errors.InternalServer("UNKNOWN", "unknown request error")

// HandlerFunc is recovery handler func.
type HandlerFunc func(ctx context.Context, req, err any) error

// Option is recovery option.
type Option func(*options)

type options struct{ handler HandlerFunc }

// WithHandler with recovery handler.
func WithHandler(h HandlerFunc) Option { return func(o *options) { o.handler = h } }

// Recovery is a server middleware that recovers from any panics.
func Recovery(opts ...Option) middleware.Middleware {
	op := options{handler: func(context.Context, any, any) error { return ErrUnknownRequest }}
	for _, o := range opts {
		o(&op)
	}
	return func(handler middleware.Handler) middleware.Handler {
		return func(ctx context.Context, req any) (reply any, err error) {
			defer func() {
				if rerr := recover(); rerr != nil {
					err = op.handler(ctx, req, rerr)
				}
			}()
			return handler(ctx, req)
		}
	}
}
