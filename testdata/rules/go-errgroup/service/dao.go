package service

import (
	"context"
	"errors"
)

// Account is a user account.
type Account struct {
	UID  int64
	Name string
}

// Dao reads and writes accounts.
type Dao struct{}

var errNotFound = errors.New("not found")

func (d *Dao) Account(ctx context.Context, uid int64) (*Account, error) {
	if uid <= 0 {
		return nil, errNotFound
	}
	return &Account{UID: uid}, nil
}

func (d *Dao) SetCache(ctx context.Context, a *Account) error { return nil }

func (d *Dao) DelCache(ctx context.Context, uid int64) error { return nil }

func (d *Dao) Count(ctx context.Context, uid int64) (int, error) { return 0, nil }

func (d *Dao) Touch(uid int64) {}
