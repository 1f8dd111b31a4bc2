// Package data holds the clients of the services helloworld depends on.
package data

import (
	"context"

	"github.com/go-kratos/kratos/v2/registry"
	"github.com/go-kratos/kratos/v2/transport/grpc"

	userv1 "github.com/example/helloworld/api/user/v1"
	"github.com/example/helloworld/internal/conf"
)

// Data is what biz reads through.
type Data struct {
	User userv1.UserClient
}

// NewData dials the user and order services through the registry r.
func NewData(ctx context.Context, c *conf.Data, r registry.Discovery) (*Data, error) {
	userConn, err := grpc.DialInsecure(ctx, // pitfall: warden-discovery
		grpc.WithEndpoint("discovery:///user"),
	)
	if err != nil {
		return nil, err
	}
	orderConn, err := grpc.DialInsecure(ctx,
		grpc.WithEndpoint("discovery://order"), // pitfall: warden-discovery
		grpc.WithDiscovery(r),
	)
	if err != nil {
		return nil, err
	}
	_ = orderConn
	return &Data{User: userv1.NewUserClient(userConn)}, nil
}
