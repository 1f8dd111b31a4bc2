// Package server builds the services' gRPC servers with Kratos v2.
package server

import (
	"context"

	"github.com/go-kratos/kratos/v2/log"
	"github.com/go-kratos/kratos/v2/middleware"
	"github.com/go-kratos/kratos/v2/middleware/logging"
	"github.com/go-kratos/kratos/v2/middleware/recovery"
	"github.com/go-kratos/kratos/v2/transport/grpc"
	ggrpc "google.golang.org/grpc"
)

// Bare has no middleware at all: the fix adds the option.
func Bare(addr string) *grpc.Server {
	return grpc.NewServer(grpc.Address(addr)) // want `grpc.NewServer has no recovery.Recovery\(\) middleware: gRPC does not recover a handler's panic, so the first one exits the process`
}

// NoOptions has no option.
func NoOptions() *grpc.Server {
	return grpc.NewServer() // want `grpc.NewServer has no recovery`
}

// LoggingOnly lost recovery from its middleware: the fix puts it first.
func LoggingOnly(addr string, logger log.Logger) *grpc.Server {
	srv := grpc.NewServer( // want `grpc.NewServer has no recovery`
		grpc.Address(addr),
		grpc.Middleware(
			logging.Server(logger),
		),
	)
	return srv
}

// EmptyMiddleware has an empty Middleware option.
func EmptyMiddleware() *grpc.Server {
	return grpc.NewServer(grpc.Middleware()) // want `grpc.NewServer has no recovery`
}

// Lines has its options one a line and no Middleware.
func Lines(addr string) *grpc.Server {
	return grpc.NewServer( // want `grpc.NewServer has no recovery`
		grpc.Address(addr),
		grpc.Timeout(0),
	)
}

// Started is a server used at once, never given more middleware.
func Started(ctx context.Context) error {
	return grpc.NewServer(grpc.Address(":9000")).Start(ctx) // want `grpc.NewServer has no recovery`
}

// The negatives: servers that recover, or may.

// Recovered is the project template's server, options written in the call.
func Recovered(logger log.Logger) *grpc.Server {
	return grpc.NewServer(grpc.Middleware(recovery.Recovery(), logging.Server(logger)))
}

// Selected recovers the routes a selector picks.
func Selected() *grpc.Server {
	return grpc.NewServer(grpc.Middleware(selectorServer(recovery.Recovery())))
}

func selectorServer(m ...middleware.Middleware) middleware.Middleware { return middleware.Chain(m...) }

// HelperOption gets an option from a call the rule does not follow.
func HelperOption() *grpc.Server {
	return grpc.NewServer(grpc.Address(":9000"), commonOptions())
}

func commonOptions() grpc.ServerOption { return grpc.Timeout(0) }

// Own has a middleware of the team's own, which may recover.
func Own(own middleware.Middleware) *grpc.Server {
	return grpc.NewServer(grpc.Middleware(own))
}

// OwnCall has one made by the team's own function.
func OwnCall() *grpc.Server {
	return grpc.NewServer(grpc.Middleware(teamRecovery()))
}

func teamRecovery() middleware.Middleware { return nil }

// MiddlewareSlice has its middleware from a slice.
func MiddlewareSlice(ms []middleware.Middleware) *grpc.Server {
	return grpc.NewServer(grpc.Middleware(ms...))
}

// Interceptor may recover in a grpc interceptor (go-grpc-middleware's).
func Interceptor(recoverer ggrpc.UnaryServerInterceptor) *grpc.Server {
	return grpc.NewServer(grpc.UnaryInterceptor(recoverer))
}

// GRPCOptions may carry the same as grpc.ServerOptions.
func GRPCOptions(o ggrpc.ServerOption) *grpc.Server {
	return grpc.NewServer(grpc.Options(o))
}

// UsedLater gets its middleware after construction.
func UsedLater() *grpc.Server {
	srv := grpc.NewServer(grpc.Address(":9000"))
	srv.Use("/*", recovery.Recovery())
	return srv
}
