package service

import (
	"context"

	"example.com/ubec/xlog"
)

// WrapperFatal checks err with another package's Fatal. Its body is not
// seen from here, and a call is taken to return unless it is known not
// to (os.Exit, the standard log.Fatal, t.Fatal, zap's Fatal…): this one
// logs through kratos log.Fatal and returns.
func (s *Service) WrapperFatal(ctx context.Context, mid int64) string { // want WrapperFatal:"derefs its receiver"
	u, err := s.dao.User(ctx, mid)
	if err != nil {
		xlog.Fatal("user %d not found", mid)
	}
	return u.Name // want `u used after an err check that does not leave the block`
}
