// Package server builds the service's servers.
package server

import (
	"github.com/go-kratos/kratos/v2/transport/grpc"

	"github.com/example/helloworld/internal/conf"
	"github.com/example/helloworld/internal/service"
)

// NewGRPCServer builds the gRPC server in the project template's shape.
// A Kratos v2 server recovers no panic unless recovery.Recovery() is
// among its middleware, and this one's options have none.
func NewGRPCServer(c *conf.Server, greeter *service.GreeterService) *grpc.Server {
	var opts = []grpc.ServerOption{}
	if c.GRPC.Addr != "" {
		opts = append(opts, grpc.Address(c.GRPC.Addr))
	}
	srv := grpc.NewServer(opts...) // pitfall: server-recovery
	greeter.Register(srv)
	return srv
}
