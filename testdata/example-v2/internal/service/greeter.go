// Package service implements the API on top of biz.
package service

import (
	"context"

	"github.com/go-kratos/kratos/v2/transport/grpc"

	"github.com/example/helloworld/internal/biz"
)

// GreeterService is the Greeter API.
type GreeterService struct {
	uc *biz.GreeterUsecase
}

// NewGreeterService builds the service.
func NewGreeterService(uc *biz.GreeterUsecase) *GreeterService {
	return &GreeterService{uc: uc}
}

// Register registers the service on srv.
func (s *GreeterService) Register(srv *grpc.Server) {}

// SayHello greets a user by id.
func (s *GreeterService) SayHello(ctx context.Context, uid int64) (string, error) {
	return s.uc.Greet(ctx, uid)
}
