// Package broker is a stub of github.com/tx7do/kratos-transport/broker
// (v1.1.12, the version broker/kafka v1.2.17 and transport/kafka v1.2.18
// require; v1.1.17 has the same API here): the exported API shapes that
// fixtures use, with bodies just real enough to build.
package broker

import (
	"context"
	"crypto/tls"
	"errors"
)

// Any is a message body.
type Any interface{}

// Binder makes the value a message body is decoded into.
type Binder func() Any

// Headers are a message's headers.
type Headers map[string]string

// Message is a message with its headers.
type Message struct {
	Headers   Headers
	Body      Any
	Partition int
	Offset    int64
	Msg       Any
}

// Event is a received message.
type Event interface {
	Topic() string
	Message() *Message
	RawMessage() interface{}
	Ack() error
	Error() error
}

// Handler handles a received message.
type Handler func(ctx context.Context, evt Event) error

// MiddlewareFunc wraps a Handler.
type MiddlewareFunc func(Handler) Handler

// Subscriber is a subscription.
type Subscriber interface {
	Options() SubscribeOptions
	Topic() string
	Unsubscribe(removeFromManager bool) error
}

// SubscriberMap holds subscriptions by topic.
type SubscriberMap map[string]Subscriber

// Broker is a message broker.
type Broker interface {
	Name() string
	Options() Options
	Address() string
	Init(...Option) error
	Connect() error
	Disconnect() error
	Publish(ctx context.Context, topic string, msg Any, opts ...PublishOption) error
	Subscribe(topic string, handler Handler, binder Binder, opts ...SubscribeOption) (Subscriber, error)
	Request(ctx context.Context, topic string, msg Any, opts ...RequestOption) (Any, error)
}

// Subscribe subscribes handler to topic with message bodies of type T.
func Subscribe[T any](broker Broker, topic string, handler func(context.Context, string, Headers, *T) error, opts ...SubscribeOption) (Subscriber, error) {
	return broker.Subscribe(topic,
		func(ctx context.Context, event Event) error {
			t, ok := event.Message().Body.(*T)
			if !ok {
				return errors.New("unsupported type")
			}
			return handler(ctx, event.Topic(), event.Message().Headers, t)
		},
		func() Any { return new(T) },
		opts...)
}

// Options are a broker's options.
type Options struct {
	Addrs     []string
	Secure    bool
	TLSConfig *tls.Config
	Context   context.Context
}

// Option sets an option of a broker.
type Option func(*Options)

// Apply applies opts.
func (o *Options) Apply(opts ...Option) {
	for _, opt := range opts {
		opt(o)
	}
}

// NewOptionsAndApply returns the default options with opts applied.
func NewOptionsAndApply(opts ...Option) Options {
	o := Options{Context: context.Background()}
	o.Apply(opts...)
	return o
}

// OptionContextWithValue sets a value in the options' context.
func OptionContextWithValue(k, v interface{}) Option {
	return func(o *Options) { o.Context = context.WithValue(o.Context, k, v) }
}

// WithAddress sets the brokers' addresses.
func WithAddress(addressList ...string) Option {
	return func(o *Options) { o.Addrs = addressList }
}

// WithCodec sets the codec of message bodies.
func WithCodec(name string) Option { return func(o *Options) {} }

// PublishOptions are the options of a Publish.
type PublishOptions struct {
	Context context.Context
}

// PublishOption sets an option of a Publish.
type PublishOption func(*PublishOptions)

// PublishContextWithValue sets a value in the publish options' context.
func PublishContextWithValue(k, v interface{}) PublishOption {
	return func(o *PublishOptions) { o.Context = context.WithValue(o.Context, k, v) }
}

// SubscribeOptions are the options of a Subscribe.
type SubscribeOptions struct {
	AutoAck bool
	Queue   string
	Context context.Context
}

// SubscribeOption sets an option of a Subscribe.
type SubscribeOption func(*SubscribeOptions)

// SubscribeContextWithValue sets a value in the subscribe options' context.
func SubscribeContextWithValue(k, v interface{}) SubscribeOption {
	return func(o *SubscribeOptions) { o.Context = context.WithValue(o.Context, k, v) }
}

// DisableAutoAck leaves the acknowledgement to the handler.
func DisableAutoAck() SubscribeOption {
	return func(o *SubscribeOptions) { o.AutoAck = false }
}

// WithQueueName sets the queue: for Kafka, the consumer group.
func WithQueueName(name string) SubscribeOption {
	return func(o *SubscribeOptions) { o.Queue = name }
}

// WithSubscribeContext sets the subscription's context.
func WithSubscribeContext(ctx context.Context) SubscribeOption {
	return func(o *SubscribeOptions) { o.Context = ctx }
}

// RequestOptions are the options of a Request.
type RequestOptions struct {
	Context context.Context
}

// RequestOption sets an option of a Request.
type RequestOption func(*RequestOptions)
