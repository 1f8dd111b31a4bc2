// Package kafka is a stub of github.com/segmentio/kafka-go v0.4.51: the
// exported API shapes that fixtures use, with bodies just real enough to
// build.
package kafka

import (
	"context"
	"errors"
	"fmt"
	"io"
	"time"
)

// FirstOffset and LastOffset are the special offsets of ReaderConfig.StartOffset.
const (
	LastOffset  int64 = -1
	FirstOffset int64 = -2
)

var errOnlyAvailableWithGroup = errors.New("unavailable when GroupID is not set")

// Logger is the interface of a Reader's and a Writer's loggers.
type Logger interface {
	Printf(string, ...interface{})
}

// LoggerFunc makes a Logger of a function.
type LoggerFunc func(string, ...interface{})

// Printf calls f.
func (f LoggerFunc) Printf(msg string, args ...interface{}) { f(msg, args...) }

// A Dialer dials Kafka brokers.
type Dialer struct {
	ClientID  string
	Timeout   time.Duration
	DualStack bool
}

// DefaultDialer is the Dialer used by default.
var DefaultDialer = &Dialer{Timeout: 10 * time.Second, DualStack: true}

// Header is a message header.
type Header struct {
	Key   string
	Value []byte
}

// Message is a Kafka message.
type Message struct {
	Topic         string
	Partition     int
	Offset        int64
	HighWaterMark int64
	Key           []byte
	Value         []byte
	Headers       []Header
	WriterData    interface{}
	Time          time.Time
}

// ReaderConfig configures a Reader.
type ReaderConfig struct {
	Brokers                []string
	GroupID                string
	GroupTopics            []string
	Topic                  string
	Partition              int
	Dialer                 *Dialer
	QueueCapacity          int
	MinBytes               int
	MaxBytes               int
	MaxWait                time.Duration
	ReadBatchTimeout       time.Duration
	ReadLagInterval        time.Duration
	HeartbeatInterval      time.Duration
	CommitInterval         time.Duration
	PartitionWatchInterval time.Duration
	WatchPartitionChanges  bool
	SessionTimeout         time.Duration
	RebalanceTimeout       time.Duration
	JoinGroupBackoff       time.Duration
	RetentionTime          time.Duration
	StartOffset            int64
	ReadBackoffMin         time.Duration
	ReadBackoffMax         time.Duration
	Logger                 Logger
	ErrorLogger            Logger
	IsolationLevel         int8
	MaxAttempts            int
	OffsetOutOfRangeError  bool
}

// Reader reads messages of a topic.
type Reader struct {
	config ReaderConfig
	closed bool
}

// NewReader makes a Reader.
func NewReader(config ReaderConfig) *Reader { return &Reader{config: config} }

// Config returns the Reader's configuration.
func (r *Reader) Config() ReaderConfig { return r.config }

// Close closes the Reader: FetchMessage and ReadMessage then return io.EOF.
func (r *Reader) Close() error {
	r.closed = true
	return nil
}

// ReadMessage reads the next message and, with a GroupID, commits it
// before returning it.
func (r *Reader) ReadMessage(ctx context.Context) (Message, error) {
	m, err := r.FetchMessage(ctx)
	if err != nil {
		return Message{}, fmt.Errorf("fetching message: %w", err)
	}
	if r.config.GroupID != "" {
		if err := r.CommitMessages(ctx, m); err != nil {
			return Message{}, fmt.Errorf("committing message: %w", err)
		}
	}
	return m, nil
}

// FetchMessage reads the next message without committing it.
func (r *Reader) FetchMessage(ctx context.Context) (Message, error) {
	if r.closed {
		return Message{}, io.EOF
	}
	if err := ctx.Err(); err != nil {
		return Message{}, err
	}
	return Message{Topic: r.config.Topic}, nil
}

// CommitMessages commits the offsets of msgs.
func (r *Reader) CommitMessages(ctx context.Context, msgs ...Message) error {
	if r.config.GroupID == "" {
		return errOnlyAvailableWithGroup
	}
	return ctx.Err()
}

// SetOffset sets the offset of a Reader without GroupID.
func (r *Reader) SetOffset(offset int64) error { return nil }

// Offset returns the Reader's current offset.
func (r *Reader) Offset() int64 { return 0 }
