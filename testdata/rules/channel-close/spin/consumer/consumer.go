// Package consumer consumes a databus topic.
package consumer

import (
	"log"

	"go-common/library/queue/databus"
)

// Service consumes the topic.
type Service struct {
	sub *databus.Databus
}

// consume spins on nil messages once Close closes the consumer.
func (s *Service) consume() {
	msgs := s.sub.Messages()
	for {
		msg := <-msgs // want `receive from msgs without ok in a loop with no exit`
		log.Println(msg.Key)
	}
}

// Close closes the consumer: its Messages channel closes.
func (s *Service) Close() error {
	return s.sub.Close()
}
