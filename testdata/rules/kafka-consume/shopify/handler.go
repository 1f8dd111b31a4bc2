package shopify

import (
	"github.com/Shopify/sarama"
)

// Handler is a handler written against sarama's old import path.
type Handler struct {
	out chan<- []byte
}

func (h *Handler) Setup(sarama.ConsumerGroupSession) error   { return nil }
func (h *Handler) Cleanup(sarama.ConsumerGroupSession) error { return nil }

func (h *Handler) ConsumeClaim(sess sarama.ConsumerGroupSession, claim sarama.ConsumerGroupClaim) error {
	for {
		msg := <-claim.Messages() // want `receive from claim.Messages\(\) without ok`
		h.out <- msg.Value
		sess.MarkMessage(msg, "")
	}
}
