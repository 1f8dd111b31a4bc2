package api

import "context"

// UserHTTPClient is the generated HTTP client: its errors are decoded
// into *errors.Error, so comparing them works.
type UserHTTPClient interface {
	GetUser(ctx context.Context, in *GetUserRequest) (*GetUserReply, error)
}

// ErrUserNotFound is a sentinel made once.
var ErrUserNotFound = ErrorUserNotFound("user not found")
