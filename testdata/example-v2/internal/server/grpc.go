// Package server builds the service's servers.
package server

import (
	"github.com/go-kratos/kratos/v2/transport/grpc"

	"github.com/example/helloworld/internal/conf"
	"github.com/example/helloworld/internal/service"
)

// NewGRPCServer builds the gRPC server. A Kratos v2 server recovers no
// panic unless recovery.Recovery() is among its middleware.
func NewGRPCServer(c *conf.Server, greeter *service.GreeterService) *grpc.Server {
	srv := grpc.NewServer( // pitfall: server-recovery
		grpc.Address(c.GRPC.Addr),
	)
	greeter.Register(srv)
	return srv
}
