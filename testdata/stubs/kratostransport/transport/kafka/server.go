// Package kafka is a stub of github.com/tx7do/kratos-transport/transport/kafka
// v1.2.18: the exported API shapes that fixtures use, with bodies just
// real enough to build.
package kafka

import (
	"context"
	"errors"
	"sync"

	"github.com/tx7do/kratos-transport/broker"
	"github.com/tx7do/kratos-transport/broker/kafka"
)

// Server is a Kratos transport server over the Kafka broker.
type Server struct {
	broker.Broker
	brokerOpts []broker.Option

	sync.RWMutex
	started bool
}

// ServerOption sets an option of a Server.
type ServerOption func(o *Server)

// WithBrokerOptions passes options to the Kafka broker.
func WithBrokerOptions(opts ...broker.Option) ServerOption {
	return func(s *Server) { s.brokerOpts = append(s.brokerOpts, opts...) }
}

// WithAddress sets the brokers' addresses.
func WithAddress(addrs []string) ServerOption {
	return func(s *Server) { s.brokerOpts = append(s.brokerOpts, broker.WithAddress(addrs...)) }
}

// WithCodec sets the codec of message bodies.
func WithCodec(c string) ServerOption {
	return func(s *Server) { s.brokerOpts = append(s.brokerOpts, broker.WithCodec(c)) }
}

// NewServer makes a Server.
func NewServer(opts ...ServerOption) *Server {
	s := &Server{}
	for _, o := range opts {
		o(s)
	}
	s.Broker = kafka.NewBroker(s.brokerOpts...)
	return s
}

// Start starts the server.
func (s *Server) Start(ctx context.Context) error {
	s.started = true
	return s.Init()
}

// Stop stops the server.
func (s *Server) Stop(ctx context.Context) error { return s.Disconnect() }

// RegisterSubscriber subscribes handler to topic in the consumer group
// queue (broker.WithQueueName(queue): an empty queue means no group).
func (s *Server) RegisterSubscriber(ctx context.Context, topic, queue string, disableAutoAck bool, handler broker.Handler, binder broker.Binder, opts ...broker.SubscribeOption) error {
	opts = append(opts, broker.WithQueueName(queue))
	if disableAutoAck {
		opts = append(opts, broker.DisableAutoAck())
	}
	opts = append([]broker.SubscribeOption{broker.WithSubscribeContext(ctx)}, opts...)
	_, err := s.Subscribe(topic, handler, binder, opts...)
	return err
}

// RegisterSubscriber subscribes handler to topic with message bodies of type T.
func RegisterSubscriber[T any](srv *Server, ctx context.Context, topic, queue string, disableAutoAck bool, handler func(context.Context, string, broker.Headers, *T) error, opts ...broker.SubscribeOption) error {
	return srv.RegisterSubscriber(ctx, topic, queue, disableAutoAck,
		func(ctx context.Context, event broker.Event) error {
			t, ok := event.Message().Body.(*T)
			if !ok {
				return errors.New("unsupported type")
			}
			return handler(ctx, event.Topic(), event.Message().Headers, t)
		},
		func() broker.Any { return new(T) },
		opts...)
}
