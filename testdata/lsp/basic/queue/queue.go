// Package queue uses warden and databus under local names the hovers
// must see through.
package queue

import (
	"context"

	rpc "github.com/go-kratos/kratos/pkg/net/rpc/warden"
	bus "go-common/library/queue/databus"
)

// Pump dials a service and forwards the queue's messages.
func Pump(ctx context.Context, d *bus.Databus) error {
	client := rpc.NewClient(nil)
	if _, err := client.Dial(ctx, "discovery://default/demo.service"); err != nil {
		return err
	}
	for msg := range d.Messages() {
		if err := d.Send(ctx, msg.Key, msg.Value); err != nil {
			return err
		}
		msg.Commit()
	}
	return nil
}
