// Package kratosv2 reads Kratos v2 errors: errors.FromError returns nil
// for a nil error, so its result panics when the call succeeded.
package kratosv2

import (
	"context"
	"fmt"

	"github.com/go-kratos/kratos/v2/errors"
)

type client interface {
	GetUser(ctx context.Context, id int64) (*User, error)
	Ping(ctx context.Context) error
}

type User struct{ Name string }

// Direct reads the reason whether or not the call failed.
func Direct(ctx context.Context, c client) (*User, error) {
	u, err := c.GetUser(ctx, 1)
	if errors.FromError(err).Reason == "USER_NOT_FOUND" { // want `errors.FromError\(err\).Reason panics when c.GetUser succeeds: errors.FromError returns nil for a nil err; check err != nil first`
		return nil, nil
	}
	return u, err
}

// Held keeps the result in a variable first.
func Held(ctx context.Context, c client) int32 {
	err := c.Ping(ctx)
	e := errors.FromError(err)
	fmt.Println("pinged")
	return e.Code // want `e.Code panics when c.Ping succeeds`
}

// WithCause calls a method that dereferences its receiver.
func WithCause(ctx context.Context, c client) error {
	err := c.Ping(ctx)
	return errors.FromError(err).WithCause(fmt.Errorf("ping")) // want `errors.FromError\(err\).WithCause panics when c.Ping succeeds`
}

// AfterSuccess reads it on the path where err is nil.
func AfterSuccess(ctx context.Context, c client) string {
	_, err := c.GetUser(ctx, 1)
	if err != nil {
		fmt.Println(err)
	}
	return errors.FromError(err).Message // want `errors.FromError\(err\).Message panics when c.GetUser succeeds`
}

// The negatives.

// Checked reads it where err is not nil.
func Checked(ctx context.Context, c client) bool {
	_, err := c.GetUser(ctx, 1)
	if err != nil {
		return errors.FromError(err).Reason == "USER_NOT_FOUND"
	}
	return false
}

// Guarded checks err in the same condition.
func Guarded(ctx context.Context, c client) bool {
	_, err := c.GetUser(ctx, 1)
	return err != nil && errors.FromError(err).Reason == "USER_NOT_FOUND"
}

// LeftEarly returns on success first.
func LeftEarly(ctx context.Context, c client) int32 {
	err := c.Ping(ctx)
	if err == nil {
		return 0
	}
	e := errors.FromError(err)
	return e.Code
}

// NilChecked looks at the result itself.
func NilChecked(ctx context.Context, c client) int32 {
	err := c.Ping(ctx)
	if e := errors.FromError(err); e != nil {
		return e.Code
	}
	return 0
}

// Is may be called on nil: it reads its receiver only for an *Error.
func Is(ctx context.Context, c client, target error) bool {
	err := c.Ping(ctx)
	return errors.FromError(err).Is(target)
}

// Helpers use the package functions, which handle nil.
func Helpers(ctx context.Context, c client) (string, int) {
	err := c.Ping(ctx)
	return errors.Reason(err), errors.Code(err)
}

// Encode gets an error that is never nil: an error encoder is called
// only with a failure, and a parameter is not followed.
func Encode(err error) int32 {
	return errors.FromError(err).Code
}

// Switched tells one failure apart first: errors.Is is false for a nil
// err, so the read below still runs on success.
func Switched(ctx context.Context, c client) string {
	err := c.Ping(ctx)
	switch {
	case errors.Is(err, context.Canceled):
		return "canceled"
	}
	return errors.FromError(err).Reason // want `errors.FromError\(err\).Reason panics when c.Ping succeeds`
}

// Decided looks at err in a way the rule does not model: it stops there.
func Decided(ctx context.Context, c client) string {
	err := c.Ping(ctx)
	if fmt.Sprint(err) == "<nil>" {
		return ""
	}
	return errors.FromError(err).Reason
}
