package data

import (
	"context"
	"encoding/json"

	"github.com/go-kratos/kratos/v2/log"
	"github.com/segmentio/kafka-go"
)

// GreetedEvent is what the greeter publishes after each greeting.
type GreetedEvent struct {
	UID int64 `json:"uid"`
}

// GreetedConsumer counts greetings from the "greeted" topic, in the
// consumer group of this service (a Kratos v2 service has no databus:
// teams use kafka-go, sarama or kratos-transport).
type GreetedConsumer struct {
	reader *kafka.Reader
	log    *log.Helper
	count  func(ctx context.Context, uid int64) error
}

// NewGreetedConsumer reads the topic as the group "helloworld".
func NewGreetedConsumer(brokers []string, logger *log.Helper, count func(context.Context, int64) error) *GreetedConsumer {
	return &GreetedConsumer{
		reader: kafka.NewReader(kafka.ReaderConfig{Brokers: brokers, GroupID: "helloworld", Topic: "greeted"}),
		log:    logger,
		count:  count,
	}
}

// Run consumes until ctx ends.
func (c *GreetedConsumer) Run(ctx context.Context) error {
	for {
		m, err := c.reader.ReadMessage(ctx) // pitfall: kafka-consume
		if err != nil {
			return err
		}
		var ev GreetedEvent
		if err := json.Unmarshal(m.Value, &ev); err != nil {
			c.log.Errorf("decode %s: %v", m.Key, err)
			continue
		}
		if err := c.count(ctx, ev.UID); err != nil {
			c.log.Errorf("count %d: %v", ev.UID, err)
		}
	}
}

// Close stops the reader.
func (c *GreetedConsumer) Close() error { return c.reader.Close() }
