package sarama

import (
	"context"
	"log"

	"github.com/IBM/sarama"
)

// Handler stores the messages of its claims.
type Handler struct {
	store func([]byte) error
}

func (h *Handler) Setup(sarama.ConsumerGroupSession) error   { return nil }
func (h *Handler) Cleanup(sarama.ConsumerGroupSession) error { return nil }

// ConsumeClaim receives without ok, and marks before storing.
func (h *Handler) ConsumeClaim(sess sarama.ConsumerGroupSession, claim sarama.ConsumerGroupClaim) error {
	for {
		select {
		case msg := <-claim.Messages(): // want `receive from claim.Messages\(\) without ok`
			sess.MarkMessage(msg, "") /* information */ // want `msg is marked before it is processed`
			if err := h.store(msg.Value); err != nil {
				return err
			}
		case <-sess.Context().Done():
			return nil
		}
	}
}

// Ranged ranges over the claim: the loop ends when it is released.
type Ranged struct{ Handler }

func (h *Ranged) ConsumeClaim(sess sarama.ConsumerGroupSession, claim sarama.ConsumerGroupClaim) error {
	for msg := range claim.Messages() {
		if err := h.store(msg.Value); err != nil {
			return err
		}
		sess.MarkMessage(msg, "") // after the work: at-least-once
	}
	return nil
}

// Checked checks ok.
type Checked struct{ Handler }

func (h *Checked) ConsumeClaim(sess sarama.ConsumerGroupSession, claim sarama.ConsumerGroupClaim) error {
	for {
		select {
		case msg, ok := <-claim.Messages():
			if !ok {
				return nil
			}
			log.Printf("offset %d", msg.Offset)
			sess.MarkMessage(msg, "") // only logged before: logging is not processing
		case <-sess.Context().Done():
			return nil
		}
	}
}

// NilChecked compares the message with nil: what a closed channel gives.
type NilChecked struct{ Handler }

func (h *NilChecked) ConsumeClaim(sess sarama.ConsumerGroupSession, claim sarama.ConsumerGroupClaim) error {
	for {
		msg := <-claim.Messages()
		if msg == nil {
			return nil
		}
		if err := h.store(msg.Value); err != nil {
			return err
		}
		sess.MarkMessage(msg, "")
	}
}

// Start returns what one Consume returns: its callers, in other
// packages, may call it in a loop.
func Start(ctx context.Context, g sarama.ConsumerGroup, h sarama.ConsumerGroupHandler) error {
	return g.Consume(ctx, []string{"orders"}, h) /* information */ // want `g.Consume is called once`
}

// start is Start called once here: it stops at the first rebalance.
func start(ctx context.Context, g sarama.ConsumerGroup, h sarama.ConsumerGroupHandler) error {
	return g.Consume(ctx, []string{"orders"}, h) // want `g.Consume is called once`
}

// Serve starts consuming and waits for the end.
func Serve(ctx context.Context, g sarama.ConsumerGroup, h sarama.ConsumerGroupHandler) error {
	if err := start(ctx, g, h); err != nil {
		return err
	}
	<-ctx.Done()
	return nil
}

// Background consumes once in a goroutine.
func Background(ctx context.Context, g sarama.ConsumerGroup, h sarama.ConsumerGroupHandler) {
	go func() {
		if err := g.Consume(ctx, []string{"orders"}, h); err != nil { // want `g.Consume is called once`
			log.Printf("consume: %v", err)
		}
	}()
}

// Loop consumes in a loop, as sarama's example does.
func Loop(ctx context.Context, g sarama.ConsumerGroup, h sarama.ConsumerGroupHandler) error {
	for {
		if err := g.Consume(ctx, []string{"orders"}, h); err != nil {
			return err
		}
		if ctx.Err() != nil {
			return nil
		}
	}
}

// consumeOnce is called from a loop below: the loop is its caller's.
func consumeOnce(ctx context.Context, g sarama.ConsumerGroup, h sarama.ConsumerGroupHandler) error {
	return g.Consume(ctx, []string{"payments"}, h)
}

func retry(ctx context.Context, g sarama.ConsumerGroup, h sarama.ConsumerGroupHandler) {
	for ctx.Err() == nil {
		if err := consumeOnce(ctx, g, h); err != nil {
			log.Printf("consume: %v", err)
		}
	}
}

// handedOn hands its consuming function to a runner, which may retry it.
func handedOn(ctx context.Context, g sarama.ConsumerGroup, h sarama.ConsumerGroupHandler, run func(func() error)) {
	run(func() error { return g.Consume(ctx, []string{"audit"}, h) })
}

// relay hands messages to a worker on the program's own channel.
type relay struct {
	work    chan *sarama.ConsumerMessage
	results chan *sarama.ConsumerMessage
	store   func([]byte) error
}

func newRelay() *relay {
	return &relay{work: make(chan *sarama.ConsumerMessage), results: make(chan *sarama.ConsumerMessage)}
}

// worker receives from a channel made here and never closed: it never
// gives nil.
func (r *relay) worker() {
	for {
		msg := <-r.work
		if err := r.store(msg.Value); err != nil {
			log.Printf("store: %v", err)
		}
		r.results <- msg
	}
}

// drain receives from a channel made here and closed in stop.
func (r *relay) drain() {
	for {
		msg := <-r.results // want `receive from r.results without ok: once the channel is closed msg is nil`
		log.Printf("done %d", msg.Offset)
	}
}

func (r *relay) stop() { close(r.results) }

// fromElsewhere receives from a channel it is given: it may be a claim's.
func fromElsewhere(msgs <-chan *sarama.ConsumerMessage, store func([]byte) error) error {
	for {
		msg := <-msgs /* information */ // want `receive from msgs without ok`
		if err := store(msg.Value); err != nil {
			return err
		}
	}
}
