// Package logging is a stub of kratos v2 middleware/logging.
package logging

import (
	"github.com/go-kratos/kratos/v2/log"
	"github.com/go-kratos/kratos/v2/middleware"
)

// Server is a server logging middleware.
func Server(logger log.Logger) middleware.Middleware {
	return func(h middleware.Handler) middleware.Handler { return h }
}

// Client is a client logging middleware.
func Client(logger log.Logger) middleware.Middleware {
	return func(h middleware.Handler) middleware.Handler { return h }
}
