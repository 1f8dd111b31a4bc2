// Package sarama is a small stub of github.com/Shopify/sarama v1.38.1,
// sarama's import path before it moved to github.com/IBM/sarama: the
// consumer group API shapes that fixtures use, with bodies just real
// enough to build. The full stub is ../sarama.
package sarama

import (
	"context"
	"time"
)

// ConsumerMessage is a message a consumer received.
type ConsumerMessage struct {
	Timestamp  time.Time
	Key, Value []byte
	Topic      string
	Partition  int32
	Offset     int64
}

// Config configures clients and consumers.
type Config struct {
	ClientID string
}

// NewConfig returns a Config with the defaults.
func NewConfig() *Config { return &Config{} }

// ConsumerGroup consumes topics as a member of a group.
type ConsumerGroup interface {
	// Consume "should be called inside an infinite loop, when a
	// server-side rebalance happens, the consumer session will need to
	// be recreated to get the new claims".
	Consume(ctx context.Context, topics []string, handler ConsumerGroupHandler) error
	Errors() <-chan error
	Close() error
}

// NewConsumerGroup makes a ConsumerGroup.
func NewConsumerGroup(addrs []string, groupID string, config *Config) (ConsumerGroup, error) {
	return nil, nil
}

// ConsumerGroupSession is a member's session.
type ConsumerGroupSession interface {
	Claims() map[string][]int32
	MemberID() string
	GenerationID() int32
	MarkOffset(topic string, partition int32, offset int64, metadata string)
	Commit()
	ResetOffset(topic string, partition int32, offset int64, metadata string)
	MarkMessage(msg *ConsumerMessage, metadata string)
	Context() context.Context
}

// ConsumerGroupHandler handles the claims of a session.
type ConsumerGroupHandler interface {
	Setup(ConsumerGroupSession) error
	Cleanup(ConsumerGroupSession) error
	ConsumeClaim(ConsumerGroupSession, ConsumerGroupClaim) error
}

// ConsumerGroupClaim is a claimed partition.
type ConsumerGroupClaim interface {
	Topic() string
	Partition() int32
	InitialOffset() int64
	HighWaterMarkOffset() int64
	Messages() <-chan *ConsumerMessage
}
