package kafkago

import (
	"context"
	"encoding/json"
	"log"

	"github.com/segmentio/kafka-go"
)

type event struct{ ID int }

func handle(ctx context.Context, ev event) error { return nil }

// Consumer holds a reader in a consumer group and one without.
type Consumer struct {
	reader *kafka.Reader
	plain  *kafka.Reader
}

func NewConsumer(brokers []string, group string) *Consumer {
	return &Consumer{
		reader: kafka.NewReader(kafka.ReaderConfig{Brokers: brokers, GroupID: group, Topic: "orders"}),
		plain:  kafka.NewReader(kafka.ReaderConfig{Brokers: brokers, Topic: "orders", Partition: 0}),
	}
}

// Close closes the readers: reads return io.EOF from then on.
func (c *Consumer) Close() error {
	c.plain.Close()
	return c.reader.Close()
}

// Run commits before processing, and spins after Close.
func (c *Consumer) Run(ctx context.Context) {
	for {
		m, err := c.reader.ReadMessage(ctx) // want `c.reader.ReadMessage commits m before returning it`
		if err != nil {                     // want `the loop goes on after any error reading from c.reader`
			log.Printf("read: %v", err)
			continue
		}
		var ev event
		if err := json.Unmarshal(m.Value, &ev); err != nil {
			log.Printf("decode: %v", err)
			continue
		}
		if err := handle(ctx, ev); err != nil {
			log.Printf("handle: %v", err)
		}
	}
}

// Commit commits on the reader without a group: it always fails.
func (c *Consumer) Commit(ctx context.Context, m kafka.Message) error {
	return c.plain.CommitMessages(ctx, m) // want `c.plain has no GroupID: CommitMessages always fails`
}

// ReadPlain reads without a group: ReadMessage commits nothing.
func (c *Consumer) ReadPlain(ctx context.Context) error {
	for {
		m, err := c.plain.ReadMessage(ctx)
		if err != nil {
			return err // leaves the loop: no spin
		}
		if err := handle(ctx, event{ID: int(m.Offset)}); err != nil {
			return err
		}
	}
}

// ReadOnce reads one message outside a loop: still committed before the
// work, but there is no loop to fix.
func (c *Consumer) ReadOnce(ctx context.Context) error {
	m, err := c.reader.ReadMessage(ctx) // want `c.reader.ReadMessage commits m before returning it`
	if err != nil {
		return err
	}
	var ev event
	if err := json.Unmarshal(m.Value, &ev); err != nil {
		return err
	}
	return handle(ctx, ev)
}

// Count only counts: nothing after the read can fail.
func (c *Consumer) Count(ctx context.Context, seen map[string]int) error {
	for {
		m, err := c.reader.ReadMessage(ctx) /* information */ // want `c.reader.ReadMessage commits m before returning it \(the reader has a GroupID\): a crash`
		if err != nil {
			return err
		}
		seen[string(m.Key)]++
	}
}
