package dao

import (
	"context"
	"errors"
	"strconv"

	"github.com/example/account/internal/model"
)

// ErrInsufficientBalance is returned when an account cannot pay an order.
var ErrInsufficientBalance = errors.New("insufficient balance")

// CreateOrder records o and debits its amount from the account.
func (d *Dao) CreateOrder(ctx context.Context, o *model.Order) error {
	if o == nil {
		return errors.New("nil order")
	}
	acc, err := d.Account(ctx, o.UID)
	if err != nil {
		return err
	}
	if acc.Balance < o.Amount {
		return ErrInsufficientBalance
	}
	d.mu.Lock()
	d.orders[o.UID] = append(d.orders[o.UID], o)
	d.mu.Unlock()

	acc.Balance -= o.Amount
	d.SaveAccount(ctx, acc) // pitfall: unhandled-error
	return nil
}

// OrderID parses the order id of a query parameter.
func OrderID(s string) int64 {
	id, _ := strconv.ParseInt(s, 10, 64) // pitfall: unhandled-error
	return id
}
