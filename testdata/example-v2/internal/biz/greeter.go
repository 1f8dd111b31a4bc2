// Package biz is the service's logic.
package biz

import (
	"context"

	"github.com/go-kratos/kratos/v2/errors"
	"github.com/go-kratos/kratos/v2/log"

	userv1 "github.com/example/helloworld/api/user/v1"
	"github.com/example/helloworld/internal/data"
)

// GreeterUsecase greets users.
type GreeterUsecase struct {
	d   *data.Data
	log *log.Helper
}

// NewGreeterUsecase builds the use case.
func NewGreeterUsecase(d *data.Data, logger *log.Helper) *GreeterUsecase {
	return &GreeterUsecase{d: d, log: logger}
}

// Greet greets the user uid, or a guest when the user service does not
// know them.
func (uc *GreeterUsecase) Greet(ctx context.Context, uid int64) (string, error) {
	u, err := uc.d.User.GetUser(ctx, &userv1.GetUserRequest{Id: uid})
	if errors.Is(err, userv1.ErrorUserNotFound("")) { // pitfall: typed-nil-error
		return "Hello, guest", nil
	}
	if err != nil {
		return "", err
	}
	return "Hello, " + u.Name, nil
}

// Audit logs why a lookup failed.
func (uc *GreeterUsecase) Audit(ctx context.Context, uid int64) {
	_, err := uc.d.User.GetUser(ctx, &userv1.GetUserRequest{Id: uid})
	reason := errors.FromError(err).Reason // pitfall: use-before-err-check
	uc.log.Infof("user %d: %s", uid, reason)
}
