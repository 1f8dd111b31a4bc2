package service

import (
	"context"
	"encoding/json"

	"github.com/go-kratos/kratos/pkg/log"
	"go-common/library/queue/databus"

	"github.com/example/account/internal/model"
)

// AccountConsumer applies the changes announced on the account-change
// topic to the accounts this service stores.
type AccountConsumer struct {
	svc *Service
	sub *databus.Databus
}

// NewAccountConsumer subscribes to the topic with the group in c.
func NewAccountConsumer(s *Service, c *databus.Config) *AccountConsumer {
	return &AccountConsumer{svc: s, sub: databus.New(c)}
}

// Consume applies events until ctx is done; the server runs it in its own
// goroutine.
func (ac *AccountConsumer) Consume(ctx context.Context) {
	msgs := ac.sub.Messages()
	for {
		select {
		case <-ctx.Done():
			return
		case msg := <-msgs: // pitfall: databus-consume
			if err := msg.Commit(); err != nil { // pitfall: databus-consume
				log.Error("msg.Commit() error(%v)", err)
			}
			var ev model.Event
			_ = json.Unmarshal(msg.Value, &ev) // pitfall: databus-consume
			if err := ac.apply(ctx, &ev); err != nil {
				log.Error("apply(%+v) error(%v)", ev, err)
			}
		}
	}
}

// apply adds the event's amount to the account's balance.
func (ac *AccountConsumer) apply(ctx context.Context, ev *model.Event) error {
	a, err := ac.svc.dao.Account(ctx, ev.UID)
	if err != nil {
		return err
	}
	updated := *a
	updated.Balance += ev.Amount
	return ac.svc.dao.SaveAccount(ctx, &updated)
}

// Close stops consuming.
func (ac *AccountConsumer) Close() error { return ac.sub.Close() }
