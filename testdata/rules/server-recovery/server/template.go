package server

import (
	"github.com/go-kratos/kratos/v2/log"
	"github.com/go-kratos/kratos/v2/middleware/logging"
	"github.com/go-kratos/kratos/v2/middleware/recovery"
	"github.com/go-kratos/kratos/v2/transport/grpc"
)

// The project template (kratos-layout) builds its options in a local
// slice, then calls NewServer(opts...): the rule reads the slice when the
// function fills it only with literals and appends.

type conf struct {
	Network, Addr string
}

// Template is kratos-layout's server as generated: it recovers.
func Template(c *conf) *grpc.Server {
	var opts = []grpc.ServerOption{
		grpc.Middleware(
			recovery.Recovery(),
		),
	}
	if c.Network != "" {
		opts = append(opts, grpc.Network(c.Network))
	}
	if c.Addr != "" {
		opts = append(opts, grpc.Address(c.Addr))
	}
	srv := grpc.NewServer(opts...)
	return srv
}

// TemplateLost lost recovery from the template's Middleware: the fix
// puts it back first.
func TemplateLost(c *conf, logger log.Logger) *grpc.Server {
	var opts = []grpc.ServerOption{
		grpc.Middleware(
			logging.Server(logger),
		),
	}
	if c.Addr != "" {
		opts = append(opts, grpc.Address(c.Addr))
	}
	return grpc.NewServer(opts...) // want `grpc.NewServer has no recovery.Recovery\(\) middleware`
}

// NoMiddleware has a slice with no Middleware option: the fix adds one
// first in its literal.
func NoMiddleware(addr string) *grpc.Server {
	opts := []grpc.ServerOption{grpc.Address(addr)}
	return grpc.NewServer(opts...) // want `grpc.NewServer has no recovery`
}

// AppendsOnly fills its slice by appends alone: there is no literal to
// put the option in, so no fix.
func AppendsOnly(c *conf) *grpc.Server {
	var opts []grpc.ServerOption
	if len(opts) == 0 && c.Addr != "" {
		opts = append(opts, grpc.Address(c.Addr))
	}
	return grpc.NewServer(opts...) // want `grpc.NewServer has no recovery`
}

// TwoMiddlewares sets Middleware in two places: which takes effect
// depends on c, so no fix.
func TwoMiddlewares(c *conf, logger log.Logger) *grpc.Server {
	opts := []grpc.ServerOption{grpc.Middleware(logging.Server(logger))}
	if c.Addr == "" {
		opts = append(opts, grpc.Middleware())
	}
	return grpc.NewServer(opts...) // want `grpc.NewServer has no recovery`
}

// LastMiddleware: each Middleware option replaces the one before, so
// the fix goes in the last.
func LastMiddleware(logger log.Logger) *grpc.Server {
	return grpc.NewServer(grpc.Middleware(), grpc.Middleware(logging.Server(logger))) // want `grpc.NewServer has no recovery`
}

// The negatives: slices the rule cannot read.

// RecoveredLater appends the recovery middleware in a branch.
func RecoveredLater(c *conf) *grpc.Server {
	opts := []grpc.ServerOption{grpc.Address(c.Addr)}
	if c.Network != "" {
		opts = append(opts, grpc.Middleware(recovery.Recovery()))
	}
	return grpc.NewServer(opts...)
}

// Param gets its options from its caller.
func Param(opts ...grpc.ServerOption) *grpc.Server {
	return grpc.NewServer(opts...)
}

// Helper hands its slice to a function, which may add anything.
func Helper(c *conf) *grpc.Server {
	opts := []grpc.ServerOption{grpc.Address(c.Addr)}
	opts = withDefaults(opts)
	return grpc.NewServer(opts...)
}

func withDefaults(o []grpc.ServerOption) []grpc.ServerOption { return o }

// Stored writes an element by index.
func Stored(c *conf, extra grpc.ServerOption) *grpc.Server {
	opts := []grpc.ServerOption{grpc.Address(c.Addr), nil}
	opts[1] = extra
	return grpc.NewServer(opts...)
}

// Spread appends another slice.
func Spread(c *conf, more []grpc.ServerOption) *grpc.Server {
	opts := []grpc.ServerOption{grpc.Address(c.Addr)}
	opts = append(opts, more...)
	return grpc.NewServer(opts...)
}

// Closure lets a function literal add to the slice.
func Closure(c *conf, add func(func(grpc.ServerOption))) *grpc.Server {
	opts := []grpc.ServerOption{grpc.Address(c.Addr)}
	add(func(o grpc.ServerOption) { opts = append(opts, o) })
	return grpc.NewServer(opts...)
}
