package transport

import (
	"context"
	"log"

	"github.com/tx7do/kratos-transport/broker"
	kafkabroker "github.com/tx7do/kratos-transport/broker/kafka"
	"github.com/tx7do/kratos-transport/transport/kafka"
)

type event struct{ ID int }

func handleEvent(ctx context.Context, topic string, headers broker.Headers, ev *event) error {
	return nil
}

// Service subscribes through a Kafka broker and a Kafka server.
type Service struct {
	b    broker.Broker
	sync broker.Broker
	srv  *kafka.Server
}

func New(addrs []string) *Service {
	return &Service{
		b:    kafkabroker.NewBroker(broker.WithAddress(addrs...)),
		sync: kafkabroker.NewBroker(broker.WithAddress(addrs...), kafkabroker.WithAsync(false)),
		srv:  kafka.NewServer(kafka.WithAddress(addrs)),
	}
}

func (s *Service) handle(ctx context.Context, evt broker.Event) error { return nil }

func queueOption() broker.SubscribeOption { return broker.WithQueueName("svc") }

// Subscribe subscribes in the ways the Kafka broker allows.
func (s *Service) Subscribe(ctx context.Context, opts []broker.SubscribeOption) error {
	if _, err := s.b.Subscribe("orders", s.handle, nil); err != nil { // want `Subscribe without broker.WithQueueName`
		return err
	}
	if _, err := s.b.Subscribe("orders", s.handle, nil, broker.WithQueueName("svc")); err != nil {
		return err // a group: every instance shares it
	}
	if _, err := s.b.Subscribe("orders", s.handle, nil, broker.WithQueueName("")); err != nil { // want `Subscribe with an empty queue name`
		return err
	}
	if _, err := broker.Subscribe[event](s.b, "orders", handleEvent); err != nil { // want `Subscribe without broker.WithQueueName`
		return err
	}
	if _, err := s.b.Subscribe("orders", s.handle, nil, opts...); err != nil {
		return err // options from a slice: not visible here
	}
	if _, err := s.b.Subscribe("orders", s.handle, nil, queueOption()); err != nil {
		return err // an option the program makes: it may name the queue
	}
	if _, err := s.srv.Subscribe("orders", s.handle, nil); err != nil { // want `Subscribe without broker.WithQueueName`
		return err
	}
	if err := s.srv.RegisterSubscriber(ctx, "orders", "", false, s.handle, nil); err != nil { // want `RegisterSubscriber with an empty queue name`
		return err
	}
	if err := kafka.RegisterSubscriber[event](s.srv, ctx, "orders", "svc", false, handleEvent); err != nil {
		return err // a named queue
	}
	return nil
}

// SubscribeTo subscribes to a broker made elsewhere: it may be another
// kind of broker, whose queue option means something else.
func SubscribeTo(b broker.Broker, h broker.Handler) (broker.Subscriber, error) {
	return b.Subscribe("orders", h, nil)
}

// Publish checks the error of an asynchronous write.
func (s *Service) Publish(ctx context.Context, ev *event) error {
	if err := s.b.Publish(ctx, "orders", ev); err != nil { // want `s.b.Publish returns before the message is written`
		return err
	}
	if err := s.sync.Publish(ctx, "orders", ev); err != nil {
		return err // a synchronous writer: the error is the write's
	}
	_ = s.b.Publish(ctx, "audit", ev) // dropped: nothing relies on it
	return s.srv.Publish(ctx, "orders", ev) // want `s.srv.Publish returns before the message is written`
}

// SyncServer sets up the server's writer by hand.
type SyncServer struct {
	srv *kafka.Server
}

func NewSyncServer(addrs []string) *SyncServer {
	return &SyncServer{srv: kafka.NewServer(kafka.WithAddress(addrs), kafka.WithBrokerOptions(kafkabroker.WithAsync(false)))}
}

func (s *SyncServer) Publish(ctx context.Context, ev *event) {
	if err := s.srv.Publish(ctx, "orders", ev); err != nil {
		log.Printf("publish: %v", err) // synchronous: the error is the write's
	}
}
