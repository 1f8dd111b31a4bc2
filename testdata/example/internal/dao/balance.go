package dao

import (
	"context"
	"fmt"

	"github.com/example/account/internal/model"
)

// BalanceError says that an account cannot pay an amount.
type BalanceError struct {
	UID     int64
	Balance int64
	Amount  int64
}

func (e *BalanceError) Error() string {
	return fmt.Sprintf("account %d: balance %d is less than %d", e.UID, e.Balance, e.Amount)
}

// checkBalance returns a *BalanceError when a cannot pay amount.
func checkBalance(a *model.Account, amount int64) *BalanceError {
	if a.Balance < amount {
		return &BalanceError{UID: a.UID, Balance: a.Balance, Amount: amount}
	}
	return nil
}

// Debit takes amount from the balance of uid.
func (d *Dao) Debit(ctx context.Context, uid, amount int64) error {
	d.mu.Lock()
	defer d.mu.Unlock()
	a, ok := d.accounts[uid]
	if !ok {
		return ErrNotFound
	}
	if err := checkBalance(a, amount); err != nil {
		return err
	}
	a.Balance -= amount
	return nil
}

// CanPay returns an error when uid cannot pay amount.
func (d *Dao) CanPay(ctx context.Context, uid, amount int64) error {
	d.mu.RLock()
	defer d.mu.RUnlock()
	a, ok := d.accounts[uid]
	if !ok {
		return ErrNotFound
	}
	return checkBalance(a, amount) // pitfall: typed-nil-error
}
