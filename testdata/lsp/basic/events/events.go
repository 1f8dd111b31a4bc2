// Package events subscribes through kratos-transport under a local name
// the hovers must see through.
package events

import (
	"context"

	tb "github.com/tx7do/kratos-transport/broker"
)

// Listen subscribes h to the orders topic in the service's group.
func Listen(b tb.Broker, h func(context.Context, tb.Event) error) error {
	_, err := b.Subscribe("orders", h, nil, tb.WithQueueName("orders-svc"))
	return err
}
