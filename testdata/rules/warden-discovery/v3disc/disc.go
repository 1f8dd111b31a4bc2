package v3disc // want package:"registers=false"

// v3disc dials with Kratos v3, whose gRPC client is NewClient.

import (
	"context"

	"github.com/go-kratos/kratos/v3/registry"
	"github.com/go-kratos/kratos/v3/transport/grpc"
	ggrpc "google.golang.org/grpc"
)

// Client forgets the registry: every call fails with "produced zero addresses".
func Client(ctx context.Context, r registry.Discovery) (*ggrpc.ClientConn, error) {
	return grpc.NewClient(ctx, grpc.WithEndpoint("discovery:///user.service")) // want `grpc.NewClient dials "discovery:///user.service" without WithDiscovery: .* fails with "code = Unavailable … produced zero addresses"`
}

// Right passes it.
func Right(ctx context.Context, r registry.Discovery) (*ggrpc.ClientConn, error) {
	return grpc.NewClient(ctx, grpc.WithEndpoint("discovery:///user.service"), grpc.WithDiscovery(r))
}
