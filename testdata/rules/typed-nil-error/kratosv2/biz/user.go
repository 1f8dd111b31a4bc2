// Package biz compares errors from the user service's clients.
package biz

import (
	"context"
	stderrors "errors"

	"example.com/typednil/kratosv2/api"
	"github.com/go-kratos/kratos/v2/errors"
)

// Found tests a gRPC error with errors.Is: never true.
func Found(ctx context.Context, c api.UserClient) (bool, error) {
	_, err := c.GetUser(ctx, &api.GetUserRequest{Id: 1})
	if errors.Is(err, api.ErrorUserNotFound("")) { // want `errors.Is\(err, api.ErrorUserNotFound\(""\)\) is always false: err comes from the gRPC client call GetUser, which returns a \*status.Error, never the server's \*errors.Error; use api.IsUserNotFound\(err\)`
		return false, nil
	}
	return err == nil, err
}

// Equal compares with ==: never true either.
func Equal(ctx context.Context, c api.UserClient) bool {
	_, err := c.GetUser(ctx, &api.GetUserRequest{Id: 1})
	if err != api.ErrorUserNotFound("") { // want `err != api.ErrorUserNotFound\(""\) is always true`
		return true
	}
	return false
}

// Std uses the standard errors.Is, with a sentinel: no Is function to
// suggest for a variable.
func Std(ctx context.Context, c api.UserClient) bool {
	_, err := c.GetUser(ctx, &api.GetUserRequest{Id: 1})
	return stderrors.Is(err, api.ErrUserNotFound) // want `stderrors.Is\(err, api.ErrUserNotFound\) is always false: .* compare errors.Reason\(err\) and errors.Code\(err\), or use the generated Is… function`
}

// NoIs has a reason without a generated Is function.
func NoIs(ctx context.Context, c api.UserClient) bool {
	var err error
	if ctx != nil {
		_, err = c.GetUser(ctx, &api.GetUserRequest{Id: 1})
	}
	return err == api.ErrorContentMissing("") // want `err == api.ErrorContentMissing\(""\) is always false`
}

// The negatives.

// Right uses the generated test.
func Right(ctx context.Context, c api.UserClient) bool {
	_, err := c.GetUser(ctx, &api.GetUserRequest{Id: 1})
	return api.IsUserNotFound(err)
}

// HTTP errors are decoded into *errors.Error: errors.Is works there.
func HTTP(ctx context.Context, c api.UserHTTPClient) bool {
	_, err := c.GetUser(ctx, &api.GetUserRequest{Id: 1})
	return errors.Is(err, api.ErrorUserNotFound(""))
}

// Local errors come from this process: errors.Is works.
func Local(find func() error) bool {
	err := find()
	return errors.Is(err, api.ErrorUserNotFound(""))
}

// Mixed may hold a local error on one path: not only the client's.
func Mixed(ctx context.Context, c api.UserClient, find func() error) bool {
	err := find()
	if err == nil {
		_, err = c.GetUser(ctx, &api.GetUserRequest{Id: 1})
	}
	return errors.Is(err, api.ErrorUserNotFound(""))
}

// Converted goes through FromError first, which reads the status.
func Converted(ctx context.Context, c api.UserClient) bool {
	_, err := c.GetUser(ctx, &api.GetUserRequest{Id: 1})
	return errors.Is(errors.FromError(err), api.ErrorUserNotFound(""))
}
