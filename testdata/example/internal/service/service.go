// Package service is the account service's business logic.
package service

import (
	"context"

	"github.com/example/account/internal/dao"
)

// Service is the account service.
type Service struct {
	dao *dao.Dao
}

// New returns a Service.
func New(d *dao.Dao) *Service {
	return &Service{dao: d}
}

// Ping checks the service's health.
func (s *Service) Ping(ctx context.Context) error { return nil }

// Close releases the service's resources.
func (s *Service) Close() error { return s.dao.Close() }
