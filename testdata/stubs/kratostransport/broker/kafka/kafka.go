// Package kafka is a stub of github.com/tx7do/kratos-transport/broker/kafka
// v1.2.17: the exported API shapes that fixtures use, with bodies just
// real enough to build.
package kafka

import (
	"context"
	"time"

	kafkaGo "github.com/segmentio/kafka-go"

	"github.com/tx7do/kratos-transport/broker"
)

// WriterConfig configures the broker's writers.
type WriterConfig struct {
	Brokers                []string
	Balancer               kafkaGo.Balancer
	MaxAttempts            int
	BatchSize              int
	BatchBytes             int64
	BatchTimeout           time.Duration
	ReadTimeout            time.Duration
	WriteTimeout           time.Duration
	RequiredAcks           int
	Async                  bool
	Completion             func(messages []kafkaGo.Message, err error)
	Logger                 kafkaGo.Logger
	ErrorLogger            kafkaGo.Logger
	AllowAutoTopicCreation bool
}

type kafkaBroker struct {
	options broker.Options
	writer  WriterConfig
}

// NewBroker makes a Kafka broker. Its writer is asynchronous unless
// WithAsync(false) says otherwise, and Subscribe joins a new random
// consumer group unless broker.WithQueueName names one.
func NewBroker(opts ...broker.Option) broker.Broker {
	return &kafkaBroker{options: broker.NewOptionsAndApply(opts...), writer: WriterConfig{Async: true}}
}

func (b *kafkaBroker) Name() string            { return "kafka" }
func (b *kafkaBroker) Options() broker.Options { return b.options }
func (b *kafkaBroker) Address() string         { return "127.0.0.1:9092" }
func (b *kafkaBroker) Init(opts ...broker.Option) error {
	b.options.Apply(opts...)
	return nil
}
func (b *kafkaBroker) Connect() error    { return nil }
func (b *kafkaBroker) Disconnect() error { return nil }

func (b *kafkaBroker) Publish(ctx context.Context, topic string, msg broker.Any, opts ...broker.PublishOption) error {
	return ctx.Err()
}

func (b *kafkaBroker) Subscribe(topic string, handler broker.Handler, binder broker.Binder, opts ...broker.SubscribeOption) (broker.Subscriber, error) {
	return nil, nil
}

func (b *kafkaBroker) Request(ctx context.Context, topic string, msg broker.Any, opts ...broker.RequestOption) (broker.Any, error) {
	return nil, nil
}

type asyncKey struct{}
type completionKey struct{}
type writerConfigKey struct{}
type readerConfigKey struct{}
type batchSizeKey struct{}
type messageKeyKey struct{}
type autoSubscribeCreateTopicKey struct{}

// WithReaderConfig sets the readers' configuration.
func WithReaderConfig(cfg kafkaGo.ReaderConfig) broker.Option {
	return broker.OptionContextWithValue(readerConfigKey{}, cfg)
}

// WithWriterConfig sets the writers' configuration.
func WithWriterConfig(cfg WriterConfig) broker.Option {
	return broker.OptionContextWithValue(writerConfigKey{}, cfg)
}

// WithAsync makes the writer asynchronous (the default) or synchronous.
func WithAsync(enable bool) broker.Option {
	return broker.OptionContextWithValue(asyncKey{}, enable)
}

// WithCompletion sets the function the writer calls with the result of each write.
func WithCompletion(completion func(messages []kafkaGo.Message, err error)) broker.Option {
	return broker.OptionContextWithValue(completionKey{}, completion)
}

// WithBatchSize sets the writer's batch size.
func WithBatchSize(size int) broker.Option {
	return broker.OptionContextWithValue(batchSizeKey{}, size)
}

// WithMessageKey sets the key of a published message.
func WithMessageKey(key []byte) broker.PublishOption {
	return broker.PublishContextWithValue(messageKeyKey{}, key)
}

// WithSubscribeAutoCreateTopic creates the topic when subscribing.
func WithSubscribeAutoCreateTopic(topic string, numPartitions, replicationFactor int) broker.SubscribeOption {
	return broker.SubscribeContextWithValue(autoSubscribeCreateTopicKey{}, topic)
}
