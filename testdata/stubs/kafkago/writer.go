package kafka

import (
	"context"
	"net"
	"time"
)

// A Balancer picks a message's partition.
type Balancer interface {
	Balance(msg Message, partitions ...int) (partition int)
}

// LeastBytes is the Balancer that picks the partition that received the fewest bytes.
type LeastBytes struct{}

// Balance implements Balancer.
func (*LeastBytes) Balance(msg Message, partitions ...int) int { return partitions[0] }

// Hash is the Balancer that picks the partition by the hash of the key.
type Hash struct{}

// Balance implements Balancer.
func (*Hash) Balance(msg Message, partitions ...int) int { return partitions[0] }

// RequiredAcks is the acknowledgement a Writer waits for.
type RequiredAcks int

// The RequiredAcks values.
const (
	RequireNone RequiredAcks = 0
	RequireOne  RequiredAcks = 1
	RequireAll  RequiredAcks = -1
)

// TCP returns the address of brokers.
func TCP(address ...string) net.Addr { return &net.TCPAddr{} }

// Writer writes messages to a topic.
type Writer struct {
	Addr                   net.Addr
	Topic                  string
	Balancer               Balancer
	MaxAttempts            int
	BatchSize              int
	BatchBytes             int64
	BatchTimeout           time.Duration
	ReadTimeout            time.Duration
	WriteTimeout           time.Duration
	RequiredAcks           RequiredAcks
	Async                  bool
	Completion             func(messages []Message, err error)
	Logger                 Logger
	ErrorLogger            Logger
	AllowAutoTopicCreation bool
}

// WriteMessages writes msgs; with Async it returns before they are written.
func (w *Writer) WriteMessages(ctx context.Context, msgs ...Message) error { return ctx.Err() }

// Close flushes and closes the Writer.
func (w *Writer) Close() error { return nil }
