// Package dao reads and writes accounts: MySQL-like storage behind an
// in-process cache.
package dao

import (
	"context"
	"errors"
	"sync"

	"github.com/example/account/internal/model"
)

// ErrNotFound is returned when an account does not exist.
var ErrNotFound = errors.New("account not found")

// Dao is the data access object.
type Dao struct {
	mu       sync.RWMutex
	accounts map[int64]*model.Account
	orders   map[int64][]*model.Order
}

// New returns a Dao.
func New() *Dao {
	return &Dao{
		accounts: make(map[int64]*model.Account),
		orders:   make(map[int64][]*model.Order),
	}
}

// Account returns the account of uid.
func (d *Dao) Account(ctx context.Context, uid int64) (*model.Account, error) {
	d.mu.RLock()
	defer d.mu.RUnlock()
	a, ok := d.accounts[uid]
	if !ok {
		return nil, ErrNotFound
	}
	return a, nil
}

// SaveAccount stores a.
func (d *Dao) SaveAccount(ctx context.Context, a *model.Account) error {
	if a == nil {
		return errors.New("nil account")
	}
	d.mu.Lock()
	defer d.mu.Unlock()
	d.accounts[a.UID] = a
	return nil
}

// Orders returns the orders of uid.
func (d *Dao) Orders(ctx context.Context, uid int64) ([]*model.Order, error) {
	d.mu.RLock()
	defer d.mu.RUnlock()
	return d.orders[uid], nil
}

// Close releases the Dao's resources.
func (d *Dao) Close() error { return nil }
