// Package gateway is the account service's first Kratos v2 endpoint,
// started beside the warden server while the service moves to v2.
package gateway

import (
	"github.com/go-kratos/kratos/v2/log"
	"github.com/go-kratos/kratos/v2/middleware/logging"
	kgrpc "github.com/go-kratos/kratos/v2/transport/grpc"
)

// New builds the v2 gRPC server. Unlike warden, it recovers no panic
// unless its middleware does.
func New(addr string) *kgrpc.Server {
	return kgrpc.NewServer( // pitfall: server-recovery
		kgrpc.Address(addr),
		kgrpc.Middleware(logging.Server(log.DefaultLogger)),
	)
}
