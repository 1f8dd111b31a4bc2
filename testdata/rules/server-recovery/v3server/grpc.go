// Package v3server builds a Kratos v3 gRPC server.
package v3server

import (
	"github.com/go-kratos/kratos/v3/transport/grpc"
)

// Bare has no recovery: the fix imports v3's middleware/recovery.
func Bare() *grpc.Server {
	return grpc.NewServer(grpc.Address(":9000")) // want `grpc.NewServer has no recovery`
}
