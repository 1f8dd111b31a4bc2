// Package sarama is a stub of github.com/IBM/sarama v1.62.0 (and of
// github.com/Shopify/sarama v1.38.1, whose API it shares for what the
// fixtures use): the exported API shapes, with bodies just real enough to
// build.
package sarama

import (
	"context"
	"errors"
	"time"
)

// ErrClosedConsumerGroup is returned by Consume after Close.
var ErrClosedConsumerGroup = errors.New("kafka: tried to use a consumer group that was closed")

// The special offsets.
const (
	OffsetNewest int64 = -1
	OffsetOldest int64 = -2
)

// RecordHeader is a message header.
type RecordHeader struct {
	Key   []byte
	Value []byte
}

// ConsumerMessage is a message a consumer received.
type ConsumerMessage struct {
	Headers        []*RecordHeader
	Timestamp      time.Time
	BlockTimestamp time.Time
	Key, Value     []byte
	Topic          string
	Partition      int32
	Offset         int64
}

// ConsumerError is an error of a consumer.
type ConsumerError struct {
	Topic     string
	Partition int32
	Err       error
}

func (ce ConsumerError) Error() string { return ce.Err.Error() }

// KafkaVersion is a version of the Kafka protocol.
type KafkaVersion struct{ version [4]uint }

// V2_8_0_0 is Kafka 2.8.0.
var V2_8_0_0 = KafkaVersion{[4]uint{2, 8, 0, 0}}

// BalanceStrategy assigns partitions to the members of a group.
type BalanceStrategy interface {
	Name() string
}

type strategy string

func (s strategy) Name() string { return string(s) }

// NewBalanceStrategyRange returns the range strategy (eager, the default).
func NewBalanceStrategyRange() BalanceStrategy { return strategy("range") }

// NewBalanceStrategySticky returns the sticky strategy (eager).
func NewBalanceStrategySticky() BalanceStrategy { return strategy("sticky") }

// NewBalanceStrategyRoundRobin returns the round-robin strategy (eager).
func NewBalanceStrategyRoundRobin() BalanceStrategy { return strategy("roundrobin") }

// NewBalanceStrategyCooperativeSticky returns the cooperative sticky
// strategy: a rebalance keeps the session and Consume running.
func NewBalanceStrategyCooperativeSticky() BalanceStrategy { return strategy("cooperative-sticky") }

// The predefined strategies.
var (
	BalanceStrategyRange      = NewBalanceStrategyRange()
	BalanceStrategySticky     = NewBalanceStrategySticky()
	BalanceStrategyRoundRobin = NewBalanceStrategyRoundRobin()
)

// Config configures clients, consumers and producers.
type Config struct {
	ClientID string
	Version  KafkaVersion
	Consumer struct {
		Group struct {
			Session struct {
				Timeout time.Duration
			}
			Rebalance struct {
				Strategy        BalanceStrategy
				GroupStrategies []BalanceStrategy
				Timeout         time.Duration
			}
		}
		Offsets struct {
			AutoCommit struct {
				Enable   bool
				Interval time.Duration
			}
			Initial int64
		}
		Return struct {
			Errors bool
		}
	}
}

// NewConfig returns a Config with the defaults.
func NewConfig() *Config {
	c := &Config{}
	c.Consumer.Group.Rebalance.GroupStrategies = []BalanceStrategy{NewBalanceStrategyRange()}
	c.Consumer.Offsets.AutoCommit.Enable = true
	c.Consumer.Offsets.AutoCommit.Interval = time.Second
	c.Consumer.Offsets.Initial = OffsetNewest
	return c
}

// ConsumerGroup consumes topics as a member of a group.
type ConsumerGroup interface {
	// Consume joins the group and runs a session through handler until
	// ctx is done or, with an eager strategy (the default), the first
	// rebalance: call it in a loop.
	Consume(ctx context.Context, topics []string, handler ConsumerGroupHandler) error
	Errors() <-chan error
	Close() error
	Pause(partitions map[string][]int32)
	Resume(partitions map[string][]int32)
	PauseAll()
	ResumeAll()
}

// NewConsumerGroup makes a ConsumerGroup.
func NewConsumerGroup(addrs []string, groupID string, config *Config) (ConsumerGroup, error) {
	return &consumerGroup{}, nil
}

type consumerGroup struct{ closed bool }

func (c *consumerGroup) Consume(ctx context.Context, topics []string, handler ConsumerGroupHandler) error {
	if c.closed {
		return ErrClosedConsumerGroup
	}
	return ctx.Err()
}
func (c *consumerGroup) Errors() <-chan error                 { return nil }
func (c *consumerGroup) Close() error                         { c.closed = true; return nil }
func (c *consumerGroup) Pause(partitions map[string][]int32)  {}
func (c *consumerGroup) Resume(partitions map[string][]int32) {}
func (c *consumerGroup) PauseAll()                            {}
func (c *consumerGroup) ResumeAll()                           {}

// ConsumerGroupSession is a member's session.
type ConsumerGroupSession interface {
	Claims() map[string][]int32
	MemberID() string
	GenerationID() int32
	MarkOffset(topic string, partition int32, offset int64, metadata string)
	Commit()
	ResetOffset(topic string, partition int32, offset int64, metadata string)
	// MarkMessage marks a message as consumed: auto-commit commits it.
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
	// Messages returns the claim's messages; the channel closes when the
	// claim is released.
	Messages() <-chan *ConsumerMessage
}

// Consumer consumes partitions.
type Consumer interface {
	Topics() ([]string, error)
	Partitions(topic string) ([]int32, error)
	ConsumePartition(topic string, partition int32, offset int64) (PartitionConsumer, error)
	Close() error
}

// NewConsumer makes a Consumer.
func NewConsumer(addrs []string, config *Config) (Consumer, error) { return nil, errors.New("stub") }

// PartitionConsumer consumes one partition.
type PartitionConsumer interface {
	AsyncClose()
	Close() error
	// Messages returns the partition's messages; the channel closes after
	// AsyncClose or Close.
	Messages() <-chan *ConsumerMessage
	Errors() <-chan *ConsumerError
	HighWaterMarkOffset() int64
}
