// Package grpc is the account service's warden (gRPC) interface.
package grpc

import (
	"github.com/go-kratos/kratos/pkg/net/rpc/warden"

	"github.com/example/account/internal/service"
)

// New starts the warden server.
func New(s *service.Service) (*warden.Server, error) {
	ws := warden.NewServer(&warden.ServerConfig{Network: "tcp", Addr: "0.0.0.0:9000"})
	if _, err := ws.Start(); err != nil {
		return nil, err
	}
	return ws, nil
}
