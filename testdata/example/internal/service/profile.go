package service

import (
	"context"
	"errors"
)

type ctxKey int

const uidKey ctxKey = iota

// ErrNoLogin is returned when a request carries no login.
var ErrNoLogin = errors.New("not logged in")

// UID returns the uid the auth middleware put in ctx.
func UID(ctx context.Context) (int64, error) {
	uid := ctx.Value(uidKey).(int64) // pitfall: unchecked-type-assertion
	if uid <= 0 {
		return 0, ErrNoLogin
	}
	return uid, nil
}

// Nickname returns the nickname of the logged-in account.
func (s *Service) Nickname(ctx context.Context) (string, error) {
	uid, err := UID(ctx)
	if err != nil {
		return "", err
	}
	a, err := s.dao.Account(ctx, uid)
	if err != nil {
		return "", err
	}
	return a.Name, nil
}
