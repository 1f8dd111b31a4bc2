package service

import (
	"context"
	"encoding/json"

	"github.com/IBM/sarama"
	"github.com/go-kratos/kratos/pkg/log"

	"github.com/example/account/internal/model"
)

// RefundHandler credits the refunds that the payment team publishes on
// its own Kafka cluster, which it reads with sarama rather than databus.
type RefundHandler struct {
	svc *Service
}

// Setup implements sarama.ConsumerGroupHandler.
func (h *RefundHandler) Setup(sarama.ConsumerGroupSession) error { return nil }

// Cleanup implements sarama.ConsumerGroupHandler.
func (h *RefundHandler) Cleanup(sarama.ConsumerGroupSession) error { return nil }

// ConsumeClaim credits each refund of the claimed partition.
func (h *RefundHandler) ConsumeClaim(sess sarama.ConsumerGroupSession, claim sarama.ConsumerGroupClaim) error {
	for {
		select {
		case msg := <-claim.Messages(): // pitfall: kafka-consume
			var ev model.Event
			if err := json.Unmarshal(msg.Value, &ev); err != nil {
				log.Error("json.Unmarshal(%s) error(%v)", msg.Value, err)
				sess.MarkMessage(msg, "")
				continue
			}
			if err := h.credit(sess.Context(), &ev); err != nil {
				return err
			}
			sess.MarkMessage(msg, "")
		case <-sess.Context().Done():
			return nil
		}
	}
}

// credit adds the refund to the account's balance.
func (h *RefundHandler) credit(ctx context.Context, ev *model.Event) error {
	a, err := h.svc.dao.Account(ctx, ev.UID)
	if err != nil {
		return err
	}
	updated := *a
	updated.Balance += ev.Amount
	return h.svc.dao.SaveAccount(ctx, &updated)
}

// ConsumeRefunds credits refunds until ctx is done; the server runs it in
// its own goroutine.
func (s *Service) ConsumeRefunds(ctx context.Context, group sarama.ConsumerGroup) {
	if err := group.Consume(ctx, []string{"payment-refund"}, &RefundHandler{svc: s}); err != nil { // pitfall: kafka-consume
		log.Error("group.Consume() error(%v)", err)
	}
}
